package dev.turnpike.pipeline;

import dev.turnpike.counters.Limiter;
import dev.turnpike.model.GatewayResponseType;
import org.jspecify.annotations.Nullable;

/**
 * The account's throttle for the Region (spec 2.1: 10,000 rps, burst 5,000 by default; {@code serve
 * --account-rate/--account-burst}). A refusal gives back the tokens the more specific levels took. Log wording ours
 * [UNCONF].
 */
public final class AccountThrottleStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    Limiter limiter = ex.stage().metering().account();
    if (limiter == null) {
      return null;
    }
    boolean admitted = limiter.tryAcquire();
    ex.accountBucket = limiter;
    ex.accountTokens = limiter.available();
    if (admitted) {
      return null;
    }
    if (ex.keyPermit != null) {
      ex.keyPermit.refund();
    }
    if (ex.stagePermit != null) {
      ex.stagePermit.refund();
    }
    if (ex.executionTrace != null) {
      ex.executionTrace.error(ex, "Account throttle limit exceeded for " + ThrottleLines.where(ex, limiter));
    }
    ex.cause = dev.turnpike.decision.Cause.THROTTLE_ACCOUNT;
    ex.causeDetail = new dev.turnpike.decision.DecisionRecord.LimitFact(limiter.rate(), limiter.burst());
    return GatewayResponses.render(GatewayResponseType.THROTTLED, ex);
  }
}
