package dev.turnpike.snapshot;

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
    @Nullable BoundIntegration binding) {

  /** The binder's key for an HTTP API integration type ({@code v2:HTTP_PROXY}). */
  public static String bindingKey(String type) {
    return "v2:" + type;
  }

  public CompiledHttpIntegration {
    requestParameters = Map.copyOf(requestParameters);
    responseParameters = Map.copyOf(responseParameters);
  }
}
