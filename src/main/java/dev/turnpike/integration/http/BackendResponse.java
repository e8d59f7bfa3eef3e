package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import io.netty.handler.codec.http.HttpHeaders;

/**
 * A complete backend response.
 *
 * <p>{@code headers} are the backend's, with one change made by aggregation: a chunked response
 * loses {@code Transfer-Encoding} and gains {@code Content-Length}. Pass them through {@link
 * IntegrationHeaders#forClientResponse} before showing them to a client. {@code body} is a fresh
 * array owned by the receiver; no Netty buffer escapes. {@code latencyNanos} runs from {@code send}
 * to the last byte and includes a retry (API Gateway's {@code IntegrationLatency}).
 *
 * @param status the backend's status code
 * @param headers the backend's response headers
 * @param body the response body, empty when there is none
 * @param latencyNanos time from the call to the complete response
 */
public record BackendResponse(int status, HttpHeaders headers, byte[] body, long latencyNanos) {

  /** Checks the components. */
  public BackendResponse {
    requireNonNull(headers, "headers");
    requireNonNull(body, "body");
  }
}
