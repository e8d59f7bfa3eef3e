package dev.turnpike.pipeline;

import dev.turnpike.counters.Limiter;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.snapshot.KeyGrant;
import org.jspecify.annotations.Nullable;

/**
 * Usage-plan throttling per key (spec 2.3 levels 1–2): the plan's per-method bucket for this stage when set, else
 * the plan's per-key bucket, which counts across every stage of the plan. Empty → {@code THROTTLED} 429
 * {@code {"message":"Too Many Requests"}}. Requests to methods without {@code apiKeyRequired} are not counted.
 * The log line is the current (KC-429) form recorded in spec 2.6 / C46.
 */
public final class UsagePlanThrottleStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    KeyGrant grant = ex.keyGrant;
    if (grant == null) {
      return null;
    }
    Limiter limiter = grant.limiter(ex.route().resourceId(), ex.method().httpMethod());
    if (limiter == null) {
      return null;
    }
    boolean admitted = limiter.tryAcquire();
    ex.planBucket = limiter;
    ex.planTokens = limiter.available();
    if (!admitted) {
      if (ex.executionTrace != null) {
        ex.executionTrace.error(ex, "API Key " + grant.maskedKey() + " exceeded throttle limit for API Stage "
            + ex.stage().apiId() + "/" + ex.stage().stageName() + ": Key throttle limit exceeded for Usage Plan ID "
            + grant.planId() + ", " + ThrottleLines.where(ex, limiter));
      }
      ex.cause = dev.turnpike.decision.Cause.THROTTLE_PLAN;
      ex.causeDetail = new dev.turnpike.decision.DecisionRecord.LimitFact(limiter.rate(), limiter.burst());
      return GatewayResponses.render(GatewayResponseType.THROTTLED, ex);
    }
    ex.keyPermit = limiter;
    return null;
  }
}
