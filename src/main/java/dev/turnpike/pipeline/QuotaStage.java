package dev.turnpike.pipeline;

import dev.turnpike.counters.QuotaRule;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.QuotaFact;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.snapshot.KeyGrant;
import org.jspecify.annotations.Nullable;

/**
 * The usage-plan quota (spec 2.4): counted per key across the plan's stages in UTC calendar
 * periods, after every throttle passed (a throttled request consumes no quota). Used up → {@code
 * QUOTA_EXCEEDED} 429 {@code {"message":"Limit Exceeded"}}, {@code LimitExceededException}, no
 * {@code Retry-After}. Also counts the key's usage of the day for GetUsage. The quota line's middle
 * part is cut in AWS's excerpt; ours joins the two recorded halves [UNCONF].
 */
public final class QuotaStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    KeyGrant grant = ex.keyGrant;
    if (grant != null) {
      boolean admitted = grant.meter().tryConsume(ex.requestTimeEpochMillis);
      if (grant.meter().quota() != null) {
        ex.quotaUsed = grant.meter().used(ex.requestTimeEpochMillis);
        ex.quotaRemaining = grant.meter().remaining(ex.requestTimeEpochMillis);
      }
      if (!admitted) {
        if (ex.executionTrace != null) {
          QuotaRule q = grant.meter().quota();
          ex.executionTrace.error(
              ex,
              "API Key "
                  + grant.maskedKey()
                  + " exceeded quota limit for API Stage "
                  + ex.stage().apiId()
                  + "/"
                  + ex.stage().stageName()
                  + ": Key quota exhausted for Usage Plan ID "
                  + grant.planId()
                  + ". Limit: "
                  + (q == null ? "" : q.limit())
                  + " Period: "
                  + (q == null ? "" : q.period()));
        }
        QuotaRule rule = grant.meter().quota();
        return GatewayResponses.refuse(
            ex,
            GatewayResponseType.QUOTA_EXCEEDED,
            Cause.QUOTA,
            new QuotaFact(
                grant.planId(),
                rule == null ? 0 : rule.limit(),
                rule == null ? "" : String.valueOf(rule.period())));
      }
      if (ex.executionTrace != null) {
        ex.executionTrace.info(
            ex,
            "Usage Plan check succeeded for API Key "
                + grant.maskedKey()
                + " and API Stage "
                + ex.stage().apiId()
                + "/"
                + ex.stage().stageName());
      }
    }
    if (ex.executionTrace != null) {
      ex.executionTrace.info(ex, "Starting execution for request: " + ex.requestId);
      ex.executionTrace.info(
          ex, "HTTP Method: " + ex.method + ", Resource Path: " + ex.route().resourcePath());
    }
    return null;
  }
}
