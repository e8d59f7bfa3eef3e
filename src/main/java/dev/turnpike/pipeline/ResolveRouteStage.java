package dev.turnpike.pipeline;

import static java.util.Objects.requireNonNull;

import dev.turnpike.auth.sigv4.SigV4Error;
import dev.turnpike.auth.sigv4.SigV4Verifier;
import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.routing.RequestTarget;
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
    String stagePath = requireNonNull(ex.stagePath, "stagePath");
    RouteMatch<CompiledMethod> match = ex.stage().tree().match(ex.routingMethod(), stagePath);
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
    if (climbsOut(stagePath, match)) {
      // A parameter that a backend would read as a step up ('..%2f', '..;', '..\\') names no
      // resource of this API: refused as an unknown path is, and never forwarded (issue 22).
      return GatewayResponses.refuse(
          ex, GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, Cause.PATH_CLIMBS, null);
    }
    ex.route = match;
    return null;
  }

  /**
   * Literal and {@code %2e} dot segments are gone already ({@code RequestTarget.normalize}); what
   * is left can only hide behind an encoded separator or a {@code ;}, so only such paths are looked
   * at.
   */
  private static boolean climbsOut(String stagePath, RouteMatch<CompiledMethod> match) {
    if (stagePath.indexOf('%') < 0 && stagePath.indexOf(';') < 0) {
      return false;
    }
    for (String value : match.pathParams().values()) {
      if (RequestTarget.climbs(value)) {
        return true;
      }
    }
    return false;
  }
}
