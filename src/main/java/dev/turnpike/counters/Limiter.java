package dev.turnpike.counters;

/**
 * One throttle (rate, burst) whose state outlives snapshots. Checked on the event loop: never blocks.
 * A shared implementation answers from locally leased tokens, so this contract stays synchronous.
 */
public interface Limiter {
  /** Takes one token; false when the bucket is empty (the request is throttled). */
  boolean tryAcquire();

  /** Gives back a token taken by {@link #tryAcquire()} when a later check refused the request. */
  void refund();

  /** Requests per second that refill the bucket. */
  double rate();

  /** Bucket capacity. */
  int burst();
}
