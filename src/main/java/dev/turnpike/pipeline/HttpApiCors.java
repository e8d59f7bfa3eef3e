package dev.turnpike.pipeline;

import dev.turnpike.cors.CorsHeaders;
import dev.turnpike.cors.CorsRules;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * HTTP API CORS on Netty headers: the gateway's own preflight reply and the headers of every other
 * response. The rules are {@link CorsRules}'; this class only writes them (see docs/architecture.md
 * "HTTP API CORS and JWT authorizers" for where the path calls it).
 */
public final class HttpApiCors {
  private static final byte[] EMPTY = new byte[0];

  private HttpApiCors() {}

  /**
   * The gateway's answer to a preflight no route took: 204, empty body, the preflight's pairs.
   *
   * @param acrm the request's {@code Access-Control-Request-Method}
   */
  public static GatewayReply preflight(
      CorsRules rules, String origin, String acrm, @Nullable String requestHeaders) {
    return reply(rules.preflight(origin, acrm, requestHeaders));
  }

  /** The reply of a preflight decided already: 204, empty body, its pairs. */
  public static GatewayReply reply(CorsRules.Preflight p) {
    HttpHeaders headers = new DefaultHttpHeaders();
    add(headers, p.headers());
    return GatewayReply.of(p.status(), headers, EMPTY);
  }

  /**
   * A response's CORS headers when the API has a configuration: the backend's {@code
   * access-control-*} headers dropped (AWS ignores them), the configured ones for the request's
   * origin added, {@code Origin} appended to {@code Vary} when the origin was reflected.
   */
  public static void apply(HttpHeaders response, CorsHeaders cors) {
    if (!response.isEmpty()) {
      Iterator<Map.Entry<CharSequence, CharSequence>> it = response.iteratorCharSequence();
      boolean any = false;
      while (it.hasNext() && !any) {
        any = CorsRules.isCorsHeader(it.next().getKey());
      }
      if (any) {
        for (String name : response.names().toArray(new String[0])) {
          if (CorsRules.isCorsHeader(name)) {
            response.remove(name);
          }
        }
      }
    }
    add(response, cors);
  }

  /**
   * The CORS headers of the reply to an HTTP API exchange whose API has {@code rules}: a preflight
   * a route served (an {@code OPTIONS} route, {@code ANY}, {@code $default}) gets the preflight's
   * pairs, any other reply (the integration's, or the gateway's own 4xx/5xx) the response pairs;
   * the gateway's own preflight answer is left as it is. Never throws: CORS never costs a reply.
   */
  public static GatewayReply finish(CorsRules rules, Exchange ex, GatewayReply reply) {
    if (ex.corsPreflightAnswered) {
      return reply;
    }
    try {
      GatewayReply out = reply;
      if (reply.headers() instanceof EmptyHttpHeaders) {
        out =
            new GatewayReply(
                reply.status(),
                new DefaultHttpHeaders(),
                reply.body(),
                reply.errorType(),
                reply.errorMessage());
      }
      String origin = ex.headers.get(HttpHeaderNames.ORIGIN);
      String acrm = ex.headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
      CorsHeaders pairs =
          origin != null && acrm != null && CorsRules.isPreflight(ex.method, origin, acrm)
              ? rules
                  .preflight(
                      origin, acrm, ex.headers.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS))
                  .headers()
              : rules.forResponse(origin);
      apply(out.headers(), pairs);
      return out;
    } catch (RuntimeException e) {
      return reply;
    }
  }

  /** The CORS headers of a response to {@code ex}: {@code rules.forResponse(Origin)}. */
  public static CorsHeaders forResponse(CorsRules rules, Exchange ex) {
    return rules.forResponse(ex.headers.get(HttpHeaderNames.ORIGIN));
  }

  private static void add(HttpHeaders headers, CorsHeaders cors) {
    for (int i = 0; i < cors.size(); i++) {
      headers.set(cors.name(i), cors.value(i));
    }
    if (cors.varyOrigin()) {
      String vary = headers.get(HttpHeaderNames.VARY);
      if (vary == null || vary.isBlank()) {
        headers.set(HttpHeaderNames.VARY, "Origin");
      } else if (!containsToken(vary, "origin") && !vary.trim().equals("*")) {
        headers.set(HttpHeaderNames.VARY, vary + ", Origin");
      }
    }
  }

  private static boolean containsToken(String list, String token) {
    for (String part : list.split(",")) {
      if (part.trim().equalsIgnoreCase(token)) {
        return true;
      }
    }
    return false;
  }
}
