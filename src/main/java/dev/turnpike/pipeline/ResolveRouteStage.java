package dev.turnpike.pipeline;

import static java.util.Objects.requireNonNull;

import dev.turnpike.auth.sigv4.SigV4Error;
import dev.turnpike.auth.sigv4.SigV4Verifier;
import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledMethod;
import org.jspecify.annotations.Nullable;

/**
 * Matches the path after the stage against the deployment's resource tree. No resource or no method
 * → {@code MISSING_AUTHENTICATION_TOKEN}, 403, never 404 or 405 (spec 6.2, C02/C03).
 */
public final class ResolveRouteStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    RouteMatch<CompiledMethod> match =
        ex.stage().tree().match(ex.routingMethod(), requireNonNull(ex.stagePath, "stagePath"));
    if (match == null) {
      SigV4Error malformed =
          ex.headers.contains("Authorization")
              ? SigV4Verifier.headerError(IamAuthorizationStage.signedRequest(ex))
              : null;
      if (malformed != null) {
        return IamAuthorizationStage.refuse(
            malformed, ex); // C56: a present Authorization header is parsed first
      }
      return GatewayResponses.refuse(
          ex, GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, Cause.NO_ROUTE, null);
    }
    ex.route = match;
    return null;
  }
}
