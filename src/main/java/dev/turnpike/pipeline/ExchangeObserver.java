package dev.turnpike.pipeline;

/**
 * Told about every exchange when it finishes, after its access-log line and decision record: where
 * request metrics are recorded ({@link ExchangeMetrics}). Called on the thread that finished the
 * exchange (its event loop, or an integration's thread), so an implementation must not block, lock
 * or allocate per call.
 */
@FunctionalInterface
public interface ExchangeObserver {
  /** Observes nothing. */
  ExchangeObserver NONE = (ex, reply, latencyNanos) -> {};

  /**
   * {@code latencyNanos}: from the exchange's start to its reply, on the path's ticker. The
   * exchange and reply are read-only here.
   */
  void finished(Exchange ex, GatewayReply reply, long latencyNanos);
}
