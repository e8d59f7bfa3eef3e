package dev.turnpike.observe.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One stage's per-minute aggregates for the CloudWatch metrics API: for each of the last {@link
 * #MINUTES} minutes, the requests, 4XX and 5XX replies, and count, sum, minimum and maximum of the
 * latency and of the integration latency. A ring of slots in two {@link AtomicLongArray}s:
 * recording is a few atomic adds and compare-and-sets, never a lock or an allocation.
 *
 * <p>A slot is reset by the first request of a new minute that lands on it (a compare-and-set on
 * the slot's minute); a request of the old minute racing that reset may be lost or counted in the
 * new minute, at most a few requests at a minute boundary.
 */
public final class MinuteSeries {
  /** How far back the aggregates reach: three hours, in memory (not persisted). */
  public static final int MINUTES = 180;

  static final int REQUESTS = 0;
  static final int CLIENT_ERRORS = 1;
  static final int SERVER_ERRORS = 2;
  static final int LATENCY_SUM = 3;
  static final int LATENCY_MIN = 4;
  static final int LATENCY_MAX = 5;
  static final int INTEGRATION_COUNT = 6;
  static final int INTEGRATION_SUM = 7;
  static final int INTEGRATION_MIN = 8;
  static final int INTEGRATION_MAX = 9;
  private static final int FIELDS = 10;

  private final AtomicLongArray minuteOfSlot = new AtomicLongArray(MINUTES);
  private final AtomicLongArray values = new AtomicLongArray(MINUTES * FIELDS);

  public MinuteSeries() {
    for (int i = 0; i < MINUTES; i++) {
      minuteOfSlot.set(i, -1);
    }
  }

  /** Latencies in microseconds; {@code integrationMicros < 0}: no integration was called. */
  void record(long epochMillis, int status, long latencyMicros, long integrationMicros) {
    long minute = Math.floorDiv(epochMillis, 60_000L);
    int slot = (int) Math.floorMod(minute, (long) MINUTES);
    long seen = minuteOfSlot.get(slot);
    if (seen != minute) {
      if (seen > minute) {
        return; // older than the ring: a request that started three hours ago
      }
      if (minuteOfSlot.compareAndSet(slot, seen, minute)) {
        int base = slot * FIELDS;
        for (int f = 0; f < FIELDS; f++) {
          values.set(base + f, 0);
        }
        values.set(base + LATENCY_MIN, Long.MAX_VALUE);
        values.set(base + INTEGRATION_MIN, Long.MAX_VALUE);
      }
    }
    int base = slot * FIELDS;
    values.incrementAndGet(base + REQUESTS);
    if (status >= 500) {
      values.incrementAndGet(base + SERVER_ERRORS);
    } else if (status >= 400) {
      values.incrementAndGet(base + CLIENT_ERRORS);
    }
    values.addAndGet(base + LATENCY_SUM, latencyMicros);
    values.accumulateAndGet(base + LATENCY_MIN, latencyMicros, Math::min);
    values.accumulateAndGet(base + LATENCY_MAX, latencyMicros, Math::max);
    if (integrationMicros >= 0) {
      values.incrementAndGet(base + INTEGRATION_COUNT);
      values.addAndGet(base + INTEGRATION_SUM, integrationMicros);
      values.accumulateAndGet(base + INTEGRATION_MIN, integrationMicros, Math::min);
      values.accumulateAndGet(base + INTEGRATION_MAX, integrationMicros, Math::max);
    }
  }

  /** One minute's aggregates as read (control thread); latencies in microseconds. */
  public record Minute(
      long epochMinute,
      long requests,
      long clientErrors,
      long serverErrors,
      long latencySum,
      long latencyMin,
      long latencyMax,
      long integrationCount,
      long integrationSum,
      long integrationMin,
      long integrationMax) {}

  /** The minutes in {@code [fromMinute, toMinute)} that had requests, oldest first. */
  public java.util.List<Minute> read(long fromMinute, long toMinute) {
    java.util.List<Minute> out = new java.util.ArrayList<>();
    for (long m = Math.max(fromMinute, toMinute - MINUTES); m < toMinute; m++) {
      int slot = (int) Math.floorMod(m, (long) MINUTES);
      if (minuteOfSlot.get(slot) != m) {
        continue;
      }
      int b = slot * FIELDS;
      long requests = values.get(b + REQUESTS);
      if (requests == 0) {
        continue;
      }
      out.add(
          new Minute(
              m,
              requests,
              values.get(b + CLIENT_ERRORS),
              values.get(b + SERVER_ERRORS),
              values.get(b + LATENCY_SUM),
              values.get(b + LATENCY_MIN),
              values.get(b + LATENCY_MAX),
              values.get(b + INTEGRATION_COUNT),
              values.get(b + INTEGRATION_SUM),
              values.get(b + INTEGRATION_MIN),
              values.get(b + INTEGRATION_MAX)));
    }
    return out;
  }
}
