package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;

/**
 * Immutable request to a backend. {@code uri} is absolute (http or https), already resolved (path
 * parameters and stage variables substituted, query included) and sent as written: its raw path and
 * raw query go on the request line unchanged.
 *
 * <p>The client sets {@code Content-Length} from {@code body} and drops {@code Transfer-Encoding};
 * it adds {@code Host} from {@code uri} when {@code headers} has none. The arrays and headers are
 * handed over, not copied: do not change them after construction.
 *
 * @param method the HTTP method, e.g. {@code GET}
 * @param uri absolute http or https URI of the backend resource
 * @param headers headers to send, usually from {@link IntegrationHeaders}
 * @param body the request body, empty for none
 * @param timeoutMillis bound on the whole call: connect, handshake, request and response
 */
public record BackendRequest(
    String method, URI uri, HttpHeaders headers, byte[] body, int timeoutMillis) {

  /** Checks the components. */
  public BackendRequest {
    requireNonNull(method, "method");
    requireNonNull(uri, "uri");
    requireNonNull(headers, "headers");
    requireNonNull(body, "body");
    if (method.isEmpty()) {
      throw new IllegalArgumentException("method: \"\" (expected: a token such as GET)");
    }
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("uri: " + scheme + " (expected: http or https)");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("uri: no host (expected: an absolute URI with a host)");
    }
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("timeoutMillis: " + timeoutMillis + " (expected: > 0)");
    }
  }
}
