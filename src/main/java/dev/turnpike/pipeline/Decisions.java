package dev.turnpike.pipeline;

import dev.turnpike.auth.keys.ApiKeyMask;
import dev.turnpike.auth.sigv4.SigV4Error;
import dev.turnpike.counters.Limiter;
import dev.turnpike.counters.QuotaRule;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledRoute;
import dev.turnpike.snapshot.KeyGrant;
import dev.turnpike.snapshot.KeyIndex;
import org.jspecify.annotations.Nullable;

/**
 * Makes an exchange's {@link DecisionRecord} when it finishes: references to what the request and
 * the snapshot already hold, plus the cause and fact the deciding stage stamped. No text is
 * rendered here except the masked API key of a refused request (a granted key's mask was computed
 * at compile time).
 */
public final class Decisions {
  private Decisions() {}

  public static DecisionRecord record(Exchange ex, GatewayReply reply, long latencyMillis) {
    Cause cause = ex.cause;
    if (cause == Cause.OK && reply.status() >= 400) {
      if (reply.errorType() == null) {
        cause = reply.status() >= 500 ? Cause.BACKEND_ERROR_STATUS : Cause.OK;
      } else {
        cause = reply.status() >= 500 ? Cause.CONFIGURATION_ERROR : Cause.OTHER_ERROR;
      }
    }
    CompiledMethod m = ex.route == null ? null : ex.route.method();
    CompiledIntegration integration = m == null ? null : m.integration();
    // An HTTP API exchange records its route (key and id) and integration in the same fields.
    CompiledRoute http = ex.httpRoute == null ? null : ex.httpRoute.route();
    CompiledHttpIntegration httpIn = http == null ? null : http.integration();
    String maskedKey = null;
    if (ex.keyGrant != null) {
      maskedKey = ex.keyGrant.maskedKey();
    } else if (cause == Cause.API_KEY_INVALID
        || cause == Cause.API_KEY_DISABLED
        || cause == Cause.API_KEY_NOT_IN_PLAN) {
      String sent = ex.headers.get("x-api-key");
      maskedKey = sent == null ? null : ApiKeyMask.mask(sent);
    }
    return new DecisionRecord(
        // An HTTP API's client sees only apigw-requestid: explain looks its requests up by it.
        ex.httpApi != null ? ex.extendedRequestId : ex.requestId,
        ex.requestTimeEpochMillis,
        ex.sourceIp,
        ex.protocol,
        ex.method,
        ex.rawPath,
        ex.host(),
        ex.addressing,
        ex.secure,
        ex.api != null ? ex.api.apiId() : ex.httpApi != null ? ex.httpApi.apiId() : null,
        ex.stage != null
            ? ex.stage.stageName()
            : ex.httpStage != null ? ex.httpStage.stageName() : null,
        ex.route != null ? ex.route.resourcePath() : http == null ? null : http.routeKey(),
        ex.route != null ? ex.route.resourceId() : http == null ? null : http.routeId(),
        m != null ? m.authorizationType() : http == null ? null : http.authorizationType(),
        m != null && m.apiKeyRequired(),
        ex.caller == null ? null : ex.caller.arn(),
        maskedKey,
        ex.keyGrant == null ? null : ex.keyGrant.planId(),
        integration != null ? integration.type() : httpIn == null ? null : httpIn.type(),
        integration != null ? integration.uri() : httpIn == null ? null : httpIn.uri(),
        integration != null
            ? integration.timeoutMillis()
            : httpIn == null ? 0 : httpIn.timeoutMillis(),
        ex.integrationLatencyMillis,
        latencyMillis,
        reply.status(),
        reply.errorType(),
        cause,
        ex.causeDetail,
        ex.domain == null ? null : ex.domain.domainName(),
        ex.mapping == null ? null : ex.mapping.key().isEmpty() ? "(none)" : ex.mapping.key(),
        ex.mapping == null ? null : ex.mapping.restApiId(),
        ex.mapping == null ? null : ex.mapping.stage() == null ? "(none)" : ex.mapping.stage(),
        metering(ex));
  }

  /** One small record of fixed fields when any bucket or the quota was checked, else null. */
  private static DecisionRecord.@Nullable Metering metering(Exchange ex) {
    KeyGrant grant = ex.keyGrant;
    QuotaRule quota = ex.quotaUsed < 0 || grant == null ? null : grant.meter().quota();
    if (ex.planBucket == null
        && ex.stageBucket == null
        && ex.accountBucket == null
        && quota == null) {
      return null;
    }
    Limiter plan = ex.planBucket;
    Limiter stage = ex.stageBucket;
    Limiter account = ex.accountBucket;
    return new DecisionRecord.Metering(
        plan == null
            ? null
            : grant != null && plan == grant.planLimiter()
                ? DecisionRecord.PlanLevel.PER_KEY
                : DecisionRecord.PlanLevel.PER_METHOD,
        plan == null ? Double.NaN : plan.rate(),
        plan == null ? 0 : plan.burst(),
        ex.planTokens,
        stage == null ? Double.NaN : stage.rate(),
        stage == null ? 0 : stage.burst(),
        ex.stageTokens,
        account == null ? Double.NaN : account.rate(),
        account == null ? 0 : account.burst(),
        ex.accountTokens,
        quota == null ? -1 : quota.limit(),
        quota == null ? null : quota.period().name(),
        ex.quotaUsed,
        ex.quotaRemaining);
  }

  /** The cause of a SigV4 refusal, from the check that refused. */
  static Cause signatureCause(SigV4Error.Reason reason) {
    return switch (reason) {
      case MISSING -> Cause.SIGV4_MISSING;
      case TOKEN_EXPIRED -> Cause.SIGV4_TOKEN_EXPIRED;
      case UNKNOWN_KEY -> Cause.SIGV4_UNKNOWN_KEY;
      case EXPIRED -> Cause.SIGV4_EXPIRED;
      case MISMATCH -> Cause.SIGV4_MISMATCH;
      case MALFORMED -> Cause.SIGV4_MALFORMED;
    };
  }

  /** The cause of an API-key refusal (the same distinctions as the execution log's wording). */
  static Cause keyCause(Exchange ex, @Nullable String sent) {
    if (sent == null || sent.isEmpty()) {
      return Cause.API_KEY_MISSING;
    }
    KeyIndex.Entry entry = ex.snapshot.keys().get(sent);
    if (entry == null || !entry.accountId().equals(ex.stage().accountId())) {
      return Cause.API_KEY_INVALID;
    }
    return entry.enabled() ? Cause.API_KEY_NOT_IN_PLAN : Cause.API_KEY_DISABLED;
  }
}
