package dev.turnpike.counters;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link Counters} of one node: bucket states and meters in concurrent maps, touched only at
 * compile time.
 */
final class LocalCounters implements Counters {
  private final Ticker ticker;
  private final Clock clock;
  private final ConcurrentHashMap<String, AtomicLong> buckets = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, UsageMeter> meters = new ConcurrentHashMap<>();

  LocalCounters(Ticker ticker, Clock clock) {
    this.ticker = requireNonNull(ticker, "ticker");
    this.clock = requireNonNull(clock, "clock");
  }

  @Override
  public Limiter limiter(String id, double rate, int burst) {
    return new TokenBucket(
        rate, burst, buckets.computeIfAbsent(id, k -> TokenBucket.newState()), ticker);
  }

  @Override
  public UsageMeter meter(String planId, String keyId) {
    return meters.computeIfAbsent(planId + "/" + keyId, k -> new UsageMeter(planId, keyId));
  }

  @Override
  public Collection<UsageMeter> meters() {
    return meters.values();
  }

  @Override
  public void retainLimiters(Set<String> ids) {
    buckets.keySet().retainAll(ids);
  }

  @Override
  public Clock clock() {
    return clock;
  }
}
