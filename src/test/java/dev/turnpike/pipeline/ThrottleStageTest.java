package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.counters.Counters;
import dev.turnpike.counters.Limiter;
import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.LimitFact;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledGatewayResponses;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.KeyGrant;
import dev.turnpike.snapshot.LogLevel;
import dev.turnpike.snapshot.StageMetering;
import dev.turnpike.testkit.TestExchanges;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The one throttle stage over AWS's levels (spec 2.3): usage plan (key or key+method) → stage
 * method → account, the first empty bucket refusing with 429 {@code {"message":"Too Many
 * Requests"}} and giving back the tokens the levels before it took, so a throttled request counts
 * against no bucket.
 */
class ThrottleStageTest {
  /** A bucket with a fixed number of tokens that counts what was taken and given back. */
  static final class CountingBucket implements Limiter {
    final double rate;
    int tokens;
    int taken;
    int refunded;

    CountingBucket(double rate, int tokens) {
      this.rate = rate;
      this.tokens = tokens;
    }

    @Override
    public boolean tryAcquire() {
      if (tokens == 0) {
        return false;
      }
      tokens--;
      taken++;
      return true;
    }

    @Override
    public void refund() {
      tokens++;
      refunded++;
    }

    @Override
    public double rate() {
      return rate;
    }

    @Override
    public int burst() {
      return 5;
    }

    @Override
    public int available() {
      return tokens;
    }
  }

  static Exchange exchange(CountingBucket plan, CountingBucket stage, CountingBucket account) {
    Exchange ex = TestExchanges.of(GatewaySnapshot.empty(), "abc123", "GET", "/dev/pets", "");
    StageMetering metering =
        new StageMetering(
            true,
            Map.of(),
            Map.of(),
            new StageMetering.MethodMetering(stage, LogLevel.OFF),
            account);
    ex.stage =
        new CompiledStage(
            "abc123",
            "123456789012",
            "dev",
            "dep1",
            false,
            Map.of(),
            ResourceTree.compile(List.of(), r -> Map.of()),
            CompiledGatewayResponses.builtIn(),
            null,
            metering);
    ex.route =
        new RouteMatch<>(
            new CompiledMethod("GET", "/pets", "NONE", true, null), "/pets", "res1", Map.of());
    ex.keyGrant =
        new KeyGrant(
            "key1",
            "**...abcd",
            "plan1",
            plan,
            Map.of(),
            Counters.local(Ticker.system(), Clock.systemUTC()).meter("plan1", "key1"));
    return ex;
  }

  @Test
  void apply_everyLevelHasTokens_passesAndTakesOneFromEach() {
    CountingBucket plan = new CountingBucket(10, 2);
    CountingBucket stage = new CountingBucket(20, 2);
    CountingBucket account = new CountingBucket(30, 2);
    Exchange ex = exchange(plan, stage, account);
    assertThat(new ThrottleStage().apply(ex)).isNull();
    assertThat(List.of(plan.taken, stage.taken, account.taken)).containsExactly(1, 1, 1);
    assertThat(ex.planBucket).isSameAs(plan);
    assertThat(List.of(ex.planTokens, ex.stageTokens, ex.accountTokens)).containsExactly(1, 1, 1);
  }

  @Test
  void apply_stageBucketEmpty_refuses429AndGivesThePlanTokenBack() {
    CountingBucket plan = new CountingBucket(10, 2);
    CountingBucket stage = new CountingBucket(20, 0);
    CountingBucket account = new CountingBucket(30, 2);
    Exchange ex = exchange(plan, stage, account);
    GatewayReply r = new ThrottleStage().apply(ex);
    assertThat(r.status()).isEqualTo(429);
    assertThat(new String(r.body(), StandardCharsets.UTF_8))
        .isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("TooManyRequestsException");
    assertThat(plan.tokens).isEqualTo(2);
    assertThat(plan.refunded).isEqualTo(1);
    assertThat(account.taken).isZero();
    assertThat(ex.cause).isEqualTo(Cause.THROTTLE_STAGE);
    assertThat(ex.causeDetail).isEqualTo(new LimitFact(20, 5));
  }

  @Test
  void apply_accountBucketEmpty_givesBackPlanAndStageTokens() {
    CountingBucket plan = new CountingBucket(10, 2);
    CountingBucket stage = new CountingBucket(20, 2);
    CountingBucket account = new CountingBucket(30, 0);
    Exchange ex = exchange(plan, stage, account);
    assertThat(new ThrottleStage().apply(ex).status()).isEqualTo(429);
    assertThat(List.of(plan.tokens, stage.tokens)).containsExactly(2, 2);
    assertThat(ex.cause).isEqualTo(Cause.THROTTLE_ACCOUNT);
    assertThat(ex.causeDetail).isEqualTo(new LimitFact(30, 5));
  }

  @Test
  void apply_planBucketEmpty_refusesBeforeTouchingTheOthers() {
    CountingBucket plan = new CountingBucket(10, 0);
    CountingBucket stage = new CountingBucket(20, 2);
    CountingBucket account = new CountingBucket(30, 2);
    Exchange ex = exchange(plan, stage, account);
    assertThat(new ThrottleStage().apply(ex).status()).isEqualTo(429);
    assertThat(List.of(stage.taken, account.taken, plan.refunded)).containsExactly(0, 0, 0);
    assertThat(ex.cause).isEqualTo(Cause.THROTTLE_PLAN);
    assertThat(ex.stageBucket).isNull();
  }

  @Test
  void apply_noKeyGrant_skipsThePlanLevel() {
    CountingBucket stage = new CountingBucket(20, 0);
    CountingBucket account = new CountingBucket(30, 2);
    Exchange ex = exchange(new CountingBucket(10, 2), stage, account);
    ex.keyGrant = null;
    assertThat(new ThrottleStage().apply(ex).status()).isEqualTo(429);
    assertThat(ex.planBucket).isNull();
    assertThat(ex.cause).isEqualTo(Cause.THROTTLE_STAGE);
  }
}
