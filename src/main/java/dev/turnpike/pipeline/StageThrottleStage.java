package dev.turnpike.pipeline;

import dev.turnpike.counters.Limiter;
import dev.turnpike.model.GatewayResponseType;
import org.jspecify.annotations.Nullable;

/**
 * Stage throttling (spec 2.3 level 3): one bucket per method, limited by the method's own {@code methodSettings}
 * throttle, else the stage's {@code *}/{@code *}. A refusal gives back the usage-plan token this request took, so
 * only admitted requests count. The log line's wording is ours [UNCONF: only the key line is recorded].
 */
public final class StageThrottleStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    Limiter limiter = ex.stage().metering().method(ex.route().resourceId(), ex.method().httpMethod()).limiter();
    if (limiter == null) {
      return null;
    }
    boolean admitted = limiter.tryAcquire();
    ex.stageBucket = limiter;
    ex.stageTokens = limiter.available();
    if (!admitted) {
      if (ex.keyPermit != null) {
        ex.keyPermit.refund();
      }
      if (ex.executionTrace != null) {
        ex.executionTrace.error(ex, "Stage throttle limit exceeded for " + ThrottleLines.where(ex, limiter));
      }
      ex.cause = dev.turnpike.decision.Cause.THROTTLE_STAGE;
      ex.causeDetail = new dev.turnpike.decision.DecisionRecord.LimitFact(limiter.rate(), limiter.burst());
      return GatewayResponses.render(GatewayResponseType.THROTTLED, ex);
    }
    ex.stagePermit = limiter;
    return null;
  }
}
