package dev.turnpike.pipeline;

import static java.util.Objects.requireNonNull;

import dev.turnpike.cors.CorsRules;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord;
import dev.turnpike.routing.HttpRouteTable;
import dev.turnpike.routing.RequestTarget;
import dev.turnpike.snapshot.CompiledRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.jspecify.annotations.Nullable;

/**
 * Selects the HTTP API route for the path after the stage ({@link HttpRouteTable}: full match, then
 * greedy, then {@code $default}; method before {@code ANY}). No route → 404 {@code {"message":"Not
 * Found"}} (spec 1.6, C80), except a CORS preflight when the API has a {@code corsConfiguration}:
 * the gateway answers it itself (204, {@link HttpApiCors#preflight}), no authorizer, no
 * integration. A parameter that would climb out of the path behind an encoded separator is refused
 * the same way and never forwarded (issue 22).
 */
final class HttpRouteStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    String path = requireNonNull(ex.stagePath, "stagePath");
    HttpRouteTable.Match<CompiledRoute> match = ex.httpStage().routes().match(ex.method, path);
    if (match == null || match.route().integration() == null) {
      // A preflight no route takes, or one a route without a target takes (the documented
      // unauthenticated "OPTIONS /{proxy+}" beside "$default" + JWT, [UNCONF] without a target):
      // answered by the gateway when the API has CORS.
      GatewayReply preflight = preflight(ex);
      if (preflight != null) {
        return preflight;
      }
    }
    if (match == null) {
      return HttpApiReplies.notFound(ex, Cause.HTTP_API_NOT_FOUND);
    }
    if (path.indexOf('%') >= 0 || path.indexOf(';') >= 0) {
      for (String value : match.pathParams().values()) {
        if (RequestTarget.climbs(value)) {
          return HttpApiReplies.notFound(ex, Cause.PATH_CLIMBS);
        }
      }
    }
    ex.httpRoute = match;
    return null;
  }

  private static @Nullable GatewayReply preflight(Exchange ex) {
    CorsRules cors = ex.httpStage().cors();
    if (cors == null) {
      return null;
    }
    String origin = ex.headers.get(HttpHeaderNames.ORIGIN);
    String acrm = ex.headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
    if (origin == null || acrm == null || !CorsRules.isPreflight(ex.method, origin, acrm)) {
      return null;
    }
    ex.corsPreflightAnswered = true;
    CorsRules.Preflight p =
        cors.preflight(
            origin, acrm, ex.headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
    if (p.verdict() != CorsRules.Verdict.ALLOWED) {
      ex.cause = Cause.CORS_PREFLIGHT_REFUSED;
    }
    ex.causeDetail = new DecisionRecord.CorsFact(p.verdict().name(), p.refused());
    return HttpApiCors.reply(p);
  }
}
