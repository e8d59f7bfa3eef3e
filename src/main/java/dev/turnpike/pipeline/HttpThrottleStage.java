package dev.turnpike.pipeline;

import dev.turnpike.counters.Limiter;
import dev.turnpike.decision.Cause;
import dev.turnpike.snapshot.CompiledHttpStage;
import org.jspecify.annotations.Nullable;

/**
 * HTTP API throttling with the buckets REST uses ({@code counters}): the route's {@code
 * routeSettings} bucket, else the stage's {@code defaultRouteSettings} bucket, then the account's;
 * a refusal by the account gives the route's token back. 429 {@code {"message":"Too Many
 * Requests"}} (spec 1.6: status [DOC], body [UNCONF]).
 */
final class HttpThrottleStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    CompiledHttpStage stage = ex.httpStage();
    Limiter route = stage.limiter(ex.httpRoute().routeKey());
    if (route != null) {
      ex.stageBucket = route;
      if (!route.tryAcquire()) {
        ex.stageTokens = route.available();
        return HttpApiReplies.tooManyRequests(ex, Cause.THROTTLE_STAGE);
      }
      ex.stageTokens = route.available();
    }
    Limiter account = stage.accountLimiter();
    if (account != null) {
      ex.accountBucket = account;
      if (!account.tryAcquire()) {
        if (route != null) {
          route.refund();
        }
        ex.accountTokens = account.available();
        return HttpApiReplies.tooManyRequests(ex, Cause.THROTTLE_ACCOUNT);
      }
      ex.accountTokens = account.available();
    }
    return null;
  }
}
