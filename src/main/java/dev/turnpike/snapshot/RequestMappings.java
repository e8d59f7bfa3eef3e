package dev.turnpike.snapshot;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An integration's {@code requestParameters} compiled by target: headers, query parameters and path
 * variables for the backend request. {@code mapsFramingHeader} records a mapping to {@code
 * Content-Length} or {@code Transfer-Encoding}, which AWS answers at invoke time with a 500 (spec
 * C36), so the request path only reads a flag.
 */
public record RequestMappings(
    List<ParameterMapping> headers,
    List<ParameterMapping> queries,
    Map<String, ParameterSource> paths,
    boolean mapsFramingHeader) {
  public static final RequestMappings NONE =
      new RequestMappings(List.of(), List.of(), Map.of(), false);
  private static final String PATH = "integration.request.path.";

  public RequestMappings {
    headers = List.copyOf(headers);
    queries = List.copyOf(queries);
    paths = Map.copyOf(paths);
  }

  /**
   * Compiles {@code integration.request.header|querystring|path.*} mappings; other targets are
   * ignored.
   */
  public static RequestMappings compile(Map<String, String> requestParameters) {
    if (requestParameters.isEmpty()) {
      return NONE;
    }
    List<ParameterMapping> headers =
        ParameterMapping.withPrefix(requestParameters, "integration.request.header.");
    boolean framing = false;
    for (ParameterMapping h : headers) {
      String lower = h.target().toLowerCase(Locale.ROOT);
      framing |= lower.equals("content-length") || lower.equals("transfer-encoding");
    }
    Map<String, ParameterSource> paths = new HashMap<>();
    requestParameters.forEach(
        (target, source) -> {
          if (target.startsWith(PATH) && source != null) {
            paths.put(target.substring(PATH.length()), ParameterSource.parse(source));
          }
        });
    return new RequestMappings(
        headers,
        ParameterMapping.withPrefix(requestParameters, "integration.request.querystring."),
        paths,
        framing);
  }
}
