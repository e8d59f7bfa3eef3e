package dev.turnpike.pipeline;

import io.netty.handler.codec.http.HttpHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway answers: status, headers (without the ones the server adds to every response:
 * request ids, Date, Content-Length, Connection) and body. {@code errorType} is set for
 * gateway-generated errors (for logs).
 *
 * <p>{@code headers} is handed over: the server adds its own headers to this map and writes it as
 * the response's, so every reply needs a map of its own (never a shared or cached one).
 */
public record GatewayReply(
    int status,
    HttpHeaders headers,
    byte[] body,
    @Nullable String errorType,
    @Nullable String errorMessage) {

  public static GatewayReply of(int status, HttpHeaders headers, byte[] body) {
    return new GatewayReply(status, headers, body, null, null);
  }
}
