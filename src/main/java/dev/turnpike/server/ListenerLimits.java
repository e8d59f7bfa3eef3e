package dev.turnpike.server;

import java.time.Duration;

/**
 * Per-listener limits. API Gateway's documented quotas: payload 10 MB (413 past it), request line
 * and headers 10,240 bytes in all; Turnpike closes idle keep-alive connections after {@code
 * idleTimeout}.
 */
public record ListenerLimits(
    int maxInitialLineBytes, int maxHeaderBytes, int maxBodyBytes, Duration idleTimeout) {
  public static final int TEN_MEGABYTES = 10 * 1024 * 1024;

  public ListenerLimits {
    if (maxInitialLineBytes <= 0 || maxHeaderBytes <= 0 || maxBodyBytes < 0) {
      throw new IllegalArgumentException(
          "limits must be positive: "
              + maxInitialLineBytes
              + ", "
              + maxHeaderBytes
              + ", "
              + maxBodyBytes);
    }
  }

  public static ListenerLimits apiGatewayDefaults() {
    return new ListenerLimits(10_240, 10_240, TEN_MEGABYTES, Duration.ofSeconds(350));
  }
}
