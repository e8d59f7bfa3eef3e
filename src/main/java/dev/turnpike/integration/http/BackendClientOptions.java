package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;

/**
 * Limits and TLS trust of an {@link HttpBackendClient}.
 *
 * <p>Pools are per event loop, so {@code maxConnectionsPerHost} bounds the connections one loop
 * opens to one (scheme, host, port); a node opens at most that times the number of loops. Calls
 * beyond it wait for a connection, bounded by their own timeout.
 *
 * @param maxConnectionsPerHost connections per backend per event loop, {@code > 0}
 * @param maxResponseBytes largest response body accepted; larger is {@link
 *     BackendFailure#INVALID_RESPONSE}
 * @param idleTimeout a pooled connection unused this long is closed; keep it below the backends'
 *     keep-alive timeout
 * @param connectTimeoutMillis bound on establishing TCP, also bounded by each call's timeout
 * @param trustManagerFactory trust for https backends; {@code null} means the JDK's default trust
 *     store
 */
public record BackendClientOptions(
    int maxConnectionsPerHost,
    int maxResponseBytes,
    Duration idleTimeout,
    int connectTimeoutMillis,
    @Nullable TrustManagerFactory trustManagerFactory) {

  /** Checks the components. */
  public BackendClientOptions {
    requireNonNull(idleTimeout, "idleTimeout");
    requirePositive("maxConnectionsPerHost", maxConnectionsPerHost);
    requirePositive("maxResponseBytes", maxResponseBytes);
    requirePositive("connectTimeoutMillis", connectTimeoutMillis);
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
    }
  }

  /** Options with the JDK's default trust store. */
  public BackendClientOptions(
      int maxConnectionsPerHost,
      int maxResponseBytes,
      Duration idleTimeout,
      int connectTimeoutMillis) {
    this(maxConnectionsPerHost, maxResponseBytes, idleTimeout, connectTimeoutMillis, null);
  }

  /**
   * 64 connections per backend per loop, 10 MiB responses (API Gateway's payload limit), 30 s idle
   * timeout, 10 s connect timeout, the JDK's default trust store.
   */
  public static BackendClientOptions defaults() {
    return new BackendClientOptions(64, 10 * 1024 * 1024, Duration.ofSeconds(30), 10_000);
  }

  /** These options, trusting https backends through {@code trustManagerFactory}. */
  public BackendClientOptions withTrustManagerFactory(TrustManagerFactory trustManagerFactory) {
    requireNonNull(trustManagerFactory, "trustManagerFactory");
    return new BackendClientOptions(
        maxConnectionsPerHost,
        maxResponseBytes,
        idleTimeout,
        connectTimeoutMillis,
        trustManagerFactory);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
