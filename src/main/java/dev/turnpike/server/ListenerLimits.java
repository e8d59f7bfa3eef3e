package dev.turnpike.server;

import java.time.Duration;

/**
 * Per-listener limits. API Gateway's documented quotas: payload 10 MB (413 past it), request line
 * and headers 10,240 bytes in all. The rest are Turnpike's own (issue 22): a request head must
 * arrive whole within {@code headTimeout} of its first byte (of the connection's start, for the
 * first), a body within {@code bodyTimeout} of its head, and bytes trickling in extend neither; a
 * keep-alive connection with no request under way closes after {@code idleTimeout}; the data
 * listeners together hold at most {@code maxConnections}, and refuse more at once, and have at most
 * {@code maxInFlight} requests under way, answering more with 503 at once ({@link InFlightLimit}).
 */
public record ListenerLimits(
    int maxInitialLineBytes,
    int maxHeaderBytes,
    int maxBodyBytes,
    Duration idleTimeout,
    Duration headTimeout,
    Duration bodyTimeout,
    int maxConnections,
    int maxInFlight) {
  public static final int TEN_MEGABYTES = 10 * 1024 * 1024;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(350);
  public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(20);
  public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  public static final int DEFAULT_MAX_IN_FLIGHT = 10_000;

  /** The admin listener's own cap: descriptors the data plane cannot take from it. */
  public static final int ADMIN_MAX_CONNECTIONS = 128;

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
    for (Duration d : new Duration[] {idleTimeout, headTimeout, bodyTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeout: " + d + " (expected: > 0)");
      }
    }
    if (maxConnections <= 0) {
      throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: > 0)");
    }
    if (maxInFlight <= 0) {
      throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: > 0)");
    }
  }

  public static ListenerLimits apiGatewayDefaults() {
    return new ListenerLimits(
        10_240,
        10_240,
        TEN_MEGABYTES,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_HEAD_TIMEOUT,
        DEFAULT_BODY_TIMEOUT,
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_IN_FLIGHT);
  }

  /** These limits with other timeouts and connection cap (the {@code serve} options). */
  public ListenerLimits with(
      Duration headTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {
    return new ListenerLimits(
        maxInitialLineBytes,
        maxHeaderBytes,
        maxBodyBytes,
        idleTimeout,
        headTimeout,
        bodyTimeout,
        maxConnections,
        maxInFlight);
  }

  /** These limits with another cap on requests under way. */
  public ListenerLimits withMaxInFlight(int max) {
    return new ListenerLimits(
        maxInitialLineBytes,
        maxHeaderBytes,
        maxBodyBytes,
        idleTimeout,
        headTimeout,
        bodyTimeout,
        maxConnections,
        max);
  }

  /** These limits with another connection cap. */
  public ListenerLimits withMaxConnections(int max) {
    return with(headTimeout, bodyTimeout, idleTimeout, max);
  }
}
