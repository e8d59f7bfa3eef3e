package dev.turnpike.counters;

import java.time.Duration;

/**
 * How a node leases tokens from shared buckets: every {@code interval} a background thread tops up
 * each bucket's local lease; a lease is at least {@code rate × interval} tokens (what the bucket
 * refills meanwhile), doubled while a node spends its whole lease within one interval, up to the
 * burst. {@code nodesWhenUnknown} is the share a node takes before it has seen the other nodes;
 * {@code keyPrefix} starts every Redis key, so several clusters can share one Redis.
 */
public record LeasePolicy(Duration interval, int nodesWhenUnknown, String keyPrefix) {
  public static final LeasePolicy DEFAULT = new LeasePolicy(Duration.ofMillis(50), 1, "turnpike:");

  /** The default policy with the Redis keys under {@code keyPrefix} (one cluster per prefix). */
  public static LeasePolicy withPrefix(String keyPrefix) {
    return new LeasePolicy(DEFAULT.interval(), DEFAULT.nodesWhenUnknown(), keyPrefix);
  }

  public LeasePolicy {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval: " + interval + " (expected: > 0)");
    }
    if (nodesWhenUnknown < 1) {
      throw new IllegalArgumentException(
          "nodesWhenUnknown: " + nodesWhenUnknown + " (expected: >= 1)");
    }
  }

  /** The smallest lease of a bucket refilling at {@code rate} per second (at least 1). */
  int baseBatch(double rate, int burst) {
    long perInterval = (long) Math.ceil(rate * interval.toNanos() / 1e9);
    return (int) Math.max(1, Math.min(Math.max(1, burst), perInterval));
  }
}
