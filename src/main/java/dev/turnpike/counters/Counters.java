package dev.turnpike.counters;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Where throttle and quota state lives, outside the immutable snapshot so it survives snapshot
 * swaps. The snapshot compiler asks for {@link Limiter}s and {@link UsageMeter}s by stable ids
 * <em>once per compile</em>; the request path only calls the objects it was handed, never this
 * interface, so no id is built per request.
 *
 * <p>Strategies: {@link #local(Ticker, Clock)} (one node, lock-free). A shared implementation
 * (Redis) can follow with the same contract: its limiters answer from tokens leased in batches and
 * refilled in the background, so the check stays synchronous on the event loop.
 */
public interface Counters extends AutoCloseable {
  static Counters local(Ticker ticker, Clock clock) {
    return new LocalCounters(ticker, clock);
  }

  /**
   * Counters whose throttles every node shares through Redis ({@code redis://host:port}), with
   * tokens leased in the background ({@link RedisCounters}). Never fails: an unreachable Redis
   * starts the node failing open, logged through {@code log}.
   */
  static RedisCounters redis(
      String redisUri, LeasePolicy policy, Ticker ticker, Clock clock, Consumer<String> log) {
    RedisCounters counters = new RedisCounters(redisUri, policy, ticker, clock, log);
    counters.start();
    return counters;
  }

  /**
   * The limiter for {@code id} with the given limits; the same id keeps its bucket state across
   * calls.
   */
  Limiter limiter(String id, double rate, int burst);

  /** The usage meter of one key in one plan, created on first use. */
  UsageMeter meter(String planId, String keyId);

  /** Every meter, for the flusher and GetUsage. */
  Collection<UsageMeter> meters();

  /** Drops state whose ids the current configuration no longer uses. */
  void retainLimiters(Set<String> ids);

  /** Wall time for quota periods (UTC). */
  Clock clock();

  /** Releases what the strategy holds (a shared one hands its leases back). */
  @Override
  default void close() {}
}
