package dev.turnpike.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class QuotaPeriodTest {
  private static long day(String iso) {
    return LocalDate.parse(iso).toEpochDay();
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void day_utcMidnight_startsANewPeriod() {
    long before = QuotaPeriod.epochDay(millis("2024-05-01T23:59:59.999Z"));
    long after = QuotaPeriod.epochDay(millis("2024-05-02T00:00:00Z"));
    assertThat(QuotaPeriod.DAY.index(after)).isEqualTo(QuotaPeriod.DAY.index(before) + 1);
  }

  @Test
  void week_startsOnSunday() {
    // 2024-05-05 is a Sunday
    assertThat(QuotaPeriod.WEEK.index(day("2024-05-04")))
        .isEqualTo(QuotaPeriod.WEEK.index(day("2024-04-28")));
    assertThat(QuotaPeriod.WEEK.index(day("2024-05-05")))
        .isEqualTo(QuotaPeriod.WEEK.index(day("2024-05-04")) + 1);
    assertThat(QuotaPeriod.WEEK.index(day("2024-05-11")))
        .isEqualTo(QuotaPeriod.WEEK.index(day("2024-05-05")));
    assertThat(QuotaPeriod.WEEK.start(QuotaPeriod.WEEK.index(day("2024-05-08"))))
        .isEqualTo(LocalDate.parse("2024-05-05"));
  }

  @Test
  void month_monthEndsAndLeapDays_matchTheCalendar() {
    for (LocalDate d = LocalDate.parse("1899-12-01");
        d.isBefore(LocalDate.parse("2101-01-01"));
        d = d.plusDays(1)) {
      assertThat(QuotaPeriod.MONTH.index(d.toEpochDay()))
          .isEqualTo(d.getYear() * 12L + d.getMonthValue() - 1);
    }
    assertThat(QuotaPeriod.MONTH.index(day("2024-02-29")))
        .isEqualTo(QuotaPeriod.MONTH.index(day("2024-02-01")));
    assertThat(QuotaPeriod.MONTH.index(day("2024-03-01")))
        .isEqualTo(QuotaPeriod.MONTH.index(day("2024-02-29")) + 1);
    assertThat(QuotaPeriod.MONTH.start(QuotaPeriod.MONTH.index(day("2024-02-29"))))
        .isEqualTo(LocalDate.parse("2024-02-01"));
  }

  @Test
  void epochDay_beforeEpoch_floorsNotTruncates() {
    assertThat(QuotaPeriod.epochDay(-1)).isEqualTo(-1);
  }
}
