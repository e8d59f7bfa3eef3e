package dev.turnpike.control;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * REST-JSON operation routing by HTTP method and URI template ({@code
 * /restapis/{restapi_id}/stages}), as the service model's {@code requestUri} declares them. Path
 * parameters are matched on the raw path split at '/', then decoded, so an encoded ARN ({@code
 * %2F}) stays one parameter.
 */
public final class RouteTable<H> {
  private final List<Route<H>> routes = new ArrayList<>();

  public RouteTable<H> add(String method, String template, H handler) {
    routes.add(new Route<>(method, template.split("/", -1), handler));
    return this;
  }

  /**
   * The matching route, or null. {@code pathMatched} reports whether some route had the path with
   * another method.
   */
  public @Nullable Match<H> match(String method, String rawPath) {
    String[] segments = rawPath.split("/", -1);
    for (Route<H> r : routes) {
      if (!r.method.equals(method)) {
        continue;
      }
      Map<String, String> params = r.bind(segments);
      if (params != null) {
        return new Match<>(r.handler, params);
      }
    }
    return null;
  }

  /** A matched operation and its decoded path parameters. */
  public record Match<H>(H handler, Map<String, String> pathParams) {}

  private record Route<H>(String method, String[] template, H handler) {
    @Nullable Map<String, String> bind(String[] segments) {
      if (segments.length != template.length) {
        return null;
      }
      Map<String, String> params = new HashMap<>();
      for (int i = 0; i < template.length; i++) {
        String t = template[i];
        if (t.startsWith("{") && t.endsWith("}")) {
          if (segments[i].isEmpty()) {
            return null;
          }
          params.put(t.substring(1, t.length() - 1), decode(segments[i]));
        } else if (!t.equals(segments[i])) {
          return null;
        }
      }
      return params;
    }
  }

  static String decode(String s) {
    // Path segments: '+' is a literal plus, not a space.
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
