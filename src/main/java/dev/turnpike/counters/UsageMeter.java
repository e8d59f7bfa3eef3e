package dev.turnpike.counters;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The quota counter and daily usage of one API key in one usage plan (usage-plan counts are per key
 * across all stages of the plan). Lock-free: each state is one {@code long} packing a period (or
 * day) index with a count, updated by CAS, so a new period starts from zero without a reset thread.
 *
 * <p>Layout: {@code index << 40 | (count + BIAS)} — 24 bits of index (days until the year 45,000),
 * 40 bits of a biased count (UpdateUsage may set a remaining above the limit, so the period count
 * can go negative).
 */
public final class UsageMeter {
  private static final int SHIFT = 40;
  private static final long MASK = (1L << SHIFT) - 1;
  private static final long BIAS = 1L << 39;
  private static final long NONE = -1L;

  private final String planId;
  private final String keyId;

  /** The quota currently configured; replaced when a snapshot compiles new settings. */
  private volatile @Nullable QuotaRule quota;

  private final AtomicLong period = new AtomicLong(NONE);
  private final AtomicLong day = new AtomicLong(NONE);

  /** The last day that rolled over (its final count), for the flusher. */
  private final AtomicLong closedDay = new AtomicLong(NONE);

  // Touched only by the flusher thread.
  long flushedPeriod = NONE;
  long flushedDay = NONE;
  long flushedClosedDay = NONE;

  UsageMeter(String planId, String keyId) {
    this.planId = requireNonNull(planId, "planId");
    this.keyId = requireNonNull(keyId, "keyId");
  }

  public String planId() {
    return planId;
  }

  public String keyId() {
    return keyId;
  }

  public @Nullable QuotaRule quota() {
    return quota;
  }

  /** Installs the quota of the current snapshot (null: the plan has none). */
  public void configure(@Nullable QuotaRule rule) {
    this.quota = rule;
  }

  /**
   * Counts one request at {@code epochMillis} against the quota and the day's usage; false (nothing
   * counted) when the quota of the current period is used up.
   */
  public boolean tryConsume(long epochMillis) {
    long epochDay = QuotaPeriod.epochDay(epochMillis);
    QuotaRule q = quota;
    if (q != null) {
      long idx = q.period().index(epochDay);
      long limit = q.limitFor(idx);
      while (true) {
        long cur = period.get();
        long used = usedIn(cur, idx);
        if (used >= limit) {
          return false;
        }
        if (period.compareAndSet(cur, pack(idx, used + 1))) {
          break;
        }
      }
    }
    countDay(epochDay);
    return true;
  }

  private void countDay(long epochDay) {
    while (true) {
      long cur = day.get();
      if (cur != NONE && (cur >>> SHIFT) == epochDay) {
        if (day.compareAndSet(cur, cur + 1)) {
          return;
        }
      } else if (day.compareAndSet(cur, pack(epochDay, 1))) {
        if (cur != NONE) {
          closedDay.set(cur);
        }
        return;
      }
    }
  }

  /** Requests counted against the quota in the period containing {@code epochMillis}. */
  public long used(long epochMillis) {
    QuotaRule q = quota;
    if (q == null) {
      return 0;
    }
    return usedIn(period.get(), q.period().index(QuotaPeriod.epochDay(epochMillis)));
  }

  /** What is left of the current period's quota; -1 when the plan has no quota. */
  public long remaining(long epochMillis) {
    QuotaRule q = quota;
    if (q == null) {
      return -1;
    }
    long idx = q.period().index(QuotaPeriod.epochDay(epochMillis));
    return q.limitFor(idx) - usedIn(period.get(), idx);
  }

  /** UpdateUsage {@code replace /remaining}: sets what is left of the current period only. */
  public void setRemaining(long remaining, long epochMillis) {
    QuotaRule q = quota;
    if (q == null) {
      return;
    }
    long idx = q.period().index(QuotaPeriod.epochDay(epochMillis));
    period.set(pack(idx, q.limitFor(idx) - remaining));
  }

  /** Requests admitted on {@code epochDay} so far (as this node counted them). */
  public long usedOnDay(long epochDay) {
    long cur = day.get();
    if (cur != NONE && (cur >>> SHIFT) == epochDay) {
      return (cur & MASK) - BIAS;
    }
    long closed = closedDay.get();
    return closed != NONE && (closed >>> SHIFT) == epochDay ? (closed & MASK) - BIAS : 0;
  }

  /** Restores persisted counts at start-up (before any request is served). */
  public void restore(long periodIndex, long periodUsed, long epochDay, long dayUsed) {
    if (periodIndex >= 0) {
      period.set(pack(periodIndex, periodUsed));
    }
    if (epochDay >= 0) {
      day.set(pack(epochDay, dayUsed));
    }
    flushedPeriod = period.get();
    flushedDay = day.get();
  }

  /**
   * What the flusher persists; null when nothing changed since the last call. Flusher thread only.
   */
  @Nullable UsageSample drainChanges(long epochMillis) {
    long p = period.get();
    long d = day.get();
    long c = closedDay.get();
    if (p == flushedPeriod && d == flushedDay && c == flushedClosedDay) {
      return null;
    }
    flushedPeriod = p;
    flushedDay = d;
    flushedClosedDay = c;
    return sample(epochMillis, p, d, c);
  }

  /** The current state as a sample (UpdateUsage writes it through at once). */
  public UsageSample sample(long epochMillis) {
    return sample(epochMillis, period.get(), day.get(), closedDay.get());
  }

  private UsageSample sample(long epochMillis, long p, long d, long c) {
    QuotaRule q = quota;
    long periodIndex = p == NONE ? -1 : p >>> SHIFT;
    long periodUsed = p == NONE ? 0 : (p & MASK) - BIAS;
    long remaining = -1;
    if (q != null) {
      long idx = q.period().index(QuotaPeriod.epochDay(epochMillis));
      remaining = q.limitFor(idx) - usedIn(p, idx);
    }
    return new UsageSample(
        planId,
        keyId,
        periodIndex,
        periodUsed,
        d == NONE ? -1 : d >>> SHIFT,
        d == NONE ? 0 : (d & MASK) - BIAS,
        c == NONE ? -1 : c >>> SHIFT,
        c == NONE ? 0 : (c & MASK) - BIAS,
        remaining);
  }

  private static long usedIn(long packed, long idx) {
    if (packed == NONE || (packed >>> SHIFT) != idx) {
      return 0;
    }
    return (packed & MASK) - BIAS;
  }

  private static long pack(long index, long count) {
    return (index << SHIFT) | ((count + BIAS) & MASK);
  }
}
