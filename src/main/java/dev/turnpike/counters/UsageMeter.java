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
 *
 * <p>Several nodes: a meter's counts are this node's view of the cluster's (the shared totals as
 * last read, plus what this node counted since). The {@link UsageFlusher} drains what this node
 * counted since its last flush, the {@link UsageSink} adds it to the shared totals, and the meter
 * {@linkplain #rebase adopts} the totals, keeping what it counted meanwhile. The request path stays
 * one CAS; nodes learn each other's counts once per flush (docs/cluster.md states the bound).
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

  // Guarded by this (the flusher and UpdateUsage; never the request path): the counts that the
  // shared totals already hold, so a flush sends only what this node counted since.
  private long flushedPeriod = NONE;
  private long flushedDay = NONE;
  private long flushedClosedDay = NONE;

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
    long value = pack(idx, q.limitFor(idx) - remaining);
    synchronized (this) {
      period.set(value);
      flushedPeriod = value; // written through to the shared totals by the caller
    }
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
  public synchronized void restore(long periodIndex, long periodUsed, long epochDay, long dayUsed) {
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
   * Flusher: what this node counted since the last drain, with the baselines advanced past it; null
   * when nothing changed unless {@code refresh} (then a zero delta for the current period and day,
   * to read the others' counts).
   */
  synchronized @Nullable Drained drain(long epochMillis, boolean refresh) {
    long p = period.get();
    long d = day.get();
    long c = closedDay.get();
    if (p == flushedPeriod && d == flushedDay && c == flushedClosedDay && !refresh) {
      return null;
    }
    QuotaRule q = quota;
    long today = QuotaPeriod.epochDay(epochMillis);
    long periodIndex = p != NONE ? p >>> SHIFT : q == null ? -1 : q.period().index(today);
    long periodDelta = p == NONE ? 0 : count(p) - usedIn(flushedPeriod, periodIndex);
    long dayIndex = d != NONE ? d >>> SHIFT : today;
    long dayDelta = d == NONE ? 0 : count(d) - usedIn(flushedDay, dayIndex);
    long closedIndex = -1;
    long closedDelta = 0;
    if (c != NONE && c != flushedClosedDay) {
      closedIndex = c >>> SHIFT;
      closedDelta = count(c) - usedIn(flushedDay, closedIndex);
    }
    UsageDelta delta =
        new UsageDelta(
            planId,
            keyId,
            periodIndex,
            periodDelta,
            q == null || periodIndex < 0 ? -1 : q.limitFor(periodIndex),
            dayIndex,
            dayDelta,
            closedIndex,
            closedDelta);
    Drained drained = new Drained(delta, flushedPeriod, flushedDay, flushedClosedDay, p, d);
    flushedPeriod = p;
    flushedDay = d;
    flushedClosedDay = c;
    return drained;
  }

  /** Flusher: the sink did not take the delta; the next drain sends it again. */
  synchronized void undrain(Drained drained) {
    if (flushedPeriod == drained.period && flushedDay == drained.day) {
      flushedPeriod = drained.previousPeriod;
      flushedDay = drained.previousDay;
      flushedClosedDay = drained.previousClosedDay;
    }
  }

  /**
   * Flusher: adopts the cluster's totals (which include the drained delta), keeping what this node
   * counted since the drain on top. A period or day this meter has already left is not adopted.
   */
  synchronized void rebase(UsageSample totals) {
    if (totals.periodIndex() >= 0 && quota != null) {
      flushedPeriod = adopt(period, flushedPeriod, totals.periodIndex(), totals.periodUsed());
    }
    if (totals.day() >= 0) {
      flushedDay = adopt(day, flushedDay, totals.day(), totals.dayUsed());
    }
  }

  private static long adopt(AtomicLong state, long flushed, long index, long total) {
    while (true) {
      long cur = state.get();
      if (cur != NONE && (cur >>> SHIFT) > index) {
        return flushed;
      }
      long extra =
          cur != NONE && (cur >>> SHIFT) == index ? count(cur) - usedIn(flushed, index) : 0;
      if (state.compareAndSet(cur, pack(index, total + extra))) {
        return pack(index, total);
      }
    }
  }

  /**
   * What this node counted in period {@code index} and has not written to the shared totals yet
   * (GetUsage adds it to them).
   */
  public synchronized long pendingInPeriod(long index) {
    long p = period.get();
    return p == NONE || (p >>> SHIFT) != index ? 0 : count(p) - usedIn(flushedPeriod, index);
  }

  /** What this node counted on {@code epochDay} and has not written to the shared totals yet. */
  public synchronized long pendingOnDay(long epochDay) {
    long d = day.get();
    if (d != NONE && (d >>> SHIFT) == epochDay) {
      return count(d) - usedIn(flushedDay, epochDay);
    }
    long c = closedDay.get();
    if (c != NONE && c != flushedClosedDay && (c >>> SHIFT) == epochDay) {
      return count(c) - usedIn(flushedDay, epochDay);
    }
    return 0;
  }

  /** True when the current period's quota is used up (the flusher then reads others' counts). */
  boolean exhausted(long epochMillis) {
    return quota != null && remaining(epochMillis) <= 0;
  }

  private static long count(long packed) {
    return (packed & MASK) - BIAS;
  }

  /** One drain: its delta, the baselines before it and the states it read. */
  static final class Drained {
    final UsageDelta delta;
    final long previousPeriod;
    final long previousDay;
    final long previousClosedDay;
    final long period;
    final long day;

    Drained(
        UsageDelta delta,
        long previousPeriod,
        long previousDay,
        long previousClosedDay,
        long period,
        long day) {
      this.delta = delta;
      this.previousPeriod = previousPeriod;
      this.previousDay = previousDay;
      this.previousClosedDay = previousClosedDay;
      this.period = period;
      this.day = day;
    }
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
