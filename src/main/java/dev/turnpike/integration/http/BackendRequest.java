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
 * @param forwardedQuery a raw query appended to {@code uri}'s ({@code &} between them), {@code ""}
 *     for none: the client's query that HTTP_PROXY forwards, kept apart so that a long one (a
 *     presigned request's is ~600 bytes) is not parsed again as part of a {@link URI} on every
 *     request. It goes on the request line as it is, so the caller passes only a query {@link
 *     QueryText#isUriQuery} accepted (checked there once, not again here)
 * @param headers headers to send, usually from {@link IntegrationHeaders}
 * @param body the request body, empty for none
 * @param timeoutMillis bound on the whole call: connect, handshake, request and response
 */
public record BackendRequest(
    String method,
    URI uri,
    String forwardedQuery,
    HttpHeaders headers,
    byte[] body,
    int timeoutMillis) {

  /** A request whose query is all in {@code uri}. */
  public BackendRequest(
      String method, URI uri, HttpHeaders headers, byte[] body, int timeoutMillis) {
    this(method, uri, "", headers, body, timeoutMillis);
  }

  /** Checks the components. */
  public BackendRequest {
    requireNonNull(method, "method");
    requireNonNull(uri, "uri");
    requireNonNull(forwardedQuery, "forwardedQuery");
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
