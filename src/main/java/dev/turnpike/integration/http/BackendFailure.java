package dev.turnpike.integration.http;

/**
 * Why a backend call failed. The gateway maps these to API Gateway's responses: {@link #TIMEOUT} to
 * 504 {@code Endpoint request timed out}, the others to 500 {@code Internal server error} (spec
 * 6.9).
 */
public enum BackendFailure {
  /** The whole call (connect, TLS handshake, request, response) exceeded the request's timeout. */
  TIMEOUT,
  /** No connection: refused, unreachable, unknown host, connect timeout or the client is closed. */
  CONNECT_FAILED,
  /** The connection was reset or closed before a complete response arrived. */
  RESET,
  /** The backend sent bytes that are not a valid HTTP/1.1 response, or a response too large. */
  INVALID_RESPONSE,
  /** The TLS handshake failed: untrusted certificate, wrong host name, no common protocol. */
  TLS_FAILED
}
