package dev.turnpike.counters;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One shared bucket's state on this node: the tokens leased from Redis and not yet spent, what was
 * spent since the last refill (to size the next lease), the bucket's current limits, and the local
 * bucket this node falls back to while Redis is unreachable. Outlives snapshots, as a local
 * bucket's state does.
 */
final class Lease {
  final String id;
  final AtomicLong tokens = new AtomicLong();
  final AtomicLong spent = new AtomicLong();

  /** Set when a request found the lease empty: the refiller runs this bucket first. */
  volatile boolean starved;

  volatile double rate;
  volatile int burst;
  volatile int batch = 1;

  /** Fail-open: this node's share of the limit, from a local bucket (replaced with the share). */
  volatile TokenBucket fallback;

  Lease(String id, double rate, int burst, TokenBucket fallback) {
    this.id = id;
    this.rate = rate;
    this.burst = burst;
    this.fallback = fallback;
  }

  /** Takes a leased token; false when none is left. Lock-free, no I/O. */
  boolean take() {
    while (true) {
      long t = tokens.get();
      if (t <= 0) {
        starved = true;
        return false;
      }
      if (tokens.compareAndSet(t, t - 1)) {
        spent.incrementAndGet();
        return true;
      }
    }
  }

  void giveBack() {
    tokens.incrementAndGet();
    spent.decrementAndGet();
  }
}
