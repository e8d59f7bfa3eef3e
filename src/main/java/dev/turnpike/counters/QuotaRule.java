package dev.turnpike.counters;

import static java.util.Objects.requireNonNull;

import dev.turnpike.model.UsagePlan;
import org.jspecify.annotations.Nullable;

/**
 * A usage plan's quota, compiled: {@code limit} requests per {@code period} per key.
 *
 * <p>Implementation notes: the current API reference defines {@code QuotaSettings.offset} as "the
 * number of requests subtracted from the given limit in the initial time period" (botocore 1.43).
 * We follow it: in the period that was current when the quota was set ({@code initialPeriod}), the
 * limit is {@code limit − offset}; afterwards it is {@code limit}. (Older SDK docs read offset as
 * the period's start day; spec 2.4 records the conflict.)
 */
public record QuotaRule(int limit, int offset, QuotaPeriod period, long initialPeriod) {
  public QuotaRule {
    requireNonNull(period, "period");
  }

  /**
   * Compiles a plan's quota; null when the plan has none (or it is incomplete). {@code
   * setAtEpochMillis} fixes the initial period.
   */
  public static @Nullable QuotaRule of(UsagePlan.@Nullable QuotaSettings q, long setAtEpochMillis) {
    if (q == null || q.limit() == null || q.period() == null) {
      return null;
    }
    QuotaPeriod period = QuotaPeriod.parse(q.period());
    if (period == null) {
      return null;
    }
    return new QuotaRule(
        q.limit(),
        q.offset() == null ? 0 : q.offset(),
        period,
        period.index(QuotaPeriod.epochDay(setAtEpochMillis)));
  }

  /** The limit that applies in period {@code index}. */
  public long limitFor(long index) {
    return index == initialPeriod ? Math.max(0, (long) limit - offset) : limit;
  }
}
