package dev.turnpike.snapshot;

import dev.turnpike.routing.RequestTarget;
import java.net.URI;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API integration compiled once per deployment: {@code HTTP_PROXY} or {@code AWS_PROXY},
 * its URI and method, timeout, payload format version (1.0 or 2.0), parameter mappings, and the
 * implementation its type is bound to (null when Turnpike does not serve it: a 500).
 */
public record CompiledHttpIntegration(
    String type,
    String uri,
    String method,
    int timeoutMillis,
    String payloadFormatVersion,
    Map<String, String> requestParameters,
    Map<String, Map<String, String>> responseParameters,
    @Nullable String credentials,
    @Nullable BoundIntegration binding,
    @Nullable URI staticUri) {

  /** Computes {@link #staticUri()}. */
  public CompiledHttpIntegration(
      String type,
      String uri,
      String method,
      int timeoutMillis,
      String payloadFormatVersion,
      Map<String, String> requestParameters,
      Map<String, Map<String, String>> responseParameters,
      @Nullable String credentials,
      @Nullable BoundIntegration binding) {
    this(
        type,
        uri,
        method,
        timeoutMillis,
        payloadFormatVersion,
        requestParameters,
        responseParameters,
        credentials,
        binding,
        staticUriOf(uri, requestParameters));
  }

  /**
   * The backend URI parsed once, when nothing in it changes per request: no {@code {name}}, no
   * stage variable, no parameter mapping (which may overwrite the path or add to the query). Null
   * otherwise, or when it is not an absolute http(s) URI that stays inside its path: the request
   * path resolves it then, and refuses it as before. Parsing it per request was the HTTP API path's
   * one cost REST's HTTP_PROXY does not pay (S14).
   */
  static @Nullable URI staticUriOf(String uri, Map<String, String> requestParameters) {
    if (uri.isEmpty()
        || uri.indexOf('{') >= 0
        || uri.contains("$")
        || !requestParameters.isEmpty()) {
      return null;
    }
    try {
      URI parsed = URI.create(uri);
      String scheme = parsed.getScheme();
      String rawPath = parsed.getRawPath();
      boolean http =
          scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"));
      return http && parsed.getHost() != null && (rawPath == null || !RequestTarget.climbs(rawPath))
          ? parsed
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The binder's key for an HTTP API integration type ({@code v2:HTTP_PROXY}). */
  public static String bindingKey(String type) {
    return "v2:" + type;
  }

  public CompiledHttpIntegration {
    requestParameters = Map.copyOf(requestParameters);
    responseParameters = Map.copyOf(responseParameters);
  }
}
