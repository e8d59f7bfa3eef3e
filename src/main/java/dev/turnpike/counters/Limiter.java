package dev.turnpike.counters;

/**
 * One throttle (rate, burst) whose state outlives snapshots. Checked on the event loop: never
 * blocks. A shared implementation answers from locally leased tokens, so this contract stays
 * synchronous.
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

  /**
   * Whole tokens in the bucket now (0 to {@link #burst()}), for decision records and {@code
   * doctor}; reading it takes nothing. A strategy that cannot tell answers -1.
   */
  default int available() {
    return -1;
  }
}
