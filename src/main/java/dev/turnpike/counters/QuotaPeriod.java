package dev.turnpike.counters;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * The calendar periods of a usage-plan quota, in UTC, as indexes that are cheap to compute on the
 * request path (pure arithmetic on the epoch day, no allocation).
 *
 * <p>Implementation notes: AWS documents {@code DAY}, {@code WEEK} and {@code MONTH} quotas but not
 * where a period starts (spec 2.4, open question 6). We use UTC calendar periods: a day starts at
 * 00:00 UTC, a month on its first day. A week starts on <b>Sunday</b> 00:00 UTC: the only AWS text
 * that ties a weekday to a {@code WEEK} quota is the older SDK reference of {@code
 * QuotaSettings.offset} ("WEEK offset 0 = Sunday"), and offset 0 is the default every plan has, so
 * Sunday is the start that text implies. (smoketurner uses ISO Mondays; nothing from AWS supports
 * that.) Month arithmetic uses the civil-from-days algorithm (proleptic Gregorian), so leap days
 * need no special case.
 */
public enum QuotaPeriod {
  DAY,
  WEEK,
  MONTH;

  private static final long MILLIS_PER_DAY = 86_400_000L;

  /** The UTC day of an epoch-millisecond instant. */
  public static long epochDay(long epochMillis) {
    return Math.floorDiv(epochMillis, MILLIS_PER_DAY);
  }

  /**
   * The index of the period containing {@code epochDay}; consecutive periods have consecutive
   * indexes.
   */
  public long index(long epochDay) {
    return switch (this) {
      case DAY -> epochDay;
      case WEEK ->
          Math.floorDiv(
              epochDay + 4, 7); // 1970-01-01 was a Thursday; +4 makes Sunday the first day
      case MONTH -> monthIndex(epochDay);
    };
  }

  /** The first UTC day of period {@code index}. */
  public LocalDate start(long index) {
    return switch (this) {
      case DAY -> LocalDate.ofEpochDay(index);
      case WEEK -> LocalDate.ofEpochDay(index * 7 - 4);
      case MONTH ->
          LocalDate.of((int) Math.floorDiv(index, 12), (int) Math.floorMod(index, 12) + 1, 1);
    };
  }

  /** Parses AWS's {@code QuotaPeriodType}; null when unknown. */
  public static @Nullable QuotaPeriod parse(String s) {
    for (QuotaPeriod p : values()) {
      if (p.name().equals(s)) {
        return p;
      }
    }
    return null;
  }

  /** {@code year × 12 + (month − 1)}, from Howard Hinnant's days_from_civil inverse. */
  static long monthIndex(long epochDay) {
    long z = epochDay + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) {
      y++;
    }
    return y * 12 + (m - 1);
  }
}
