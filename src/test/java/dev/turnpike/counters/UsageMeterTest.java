package dev.turnpike.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageMeterTest {
  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private static UsageMeter meter(int limit, int offset, QuotaPeriod period, String setAt) {
    UsageMeter m = new UsageMeter("plan", "key");
    m.configure(
        QuotaRule.of(
            new dev.turnpike.model.UsagePlan.QuotaSettings(limit, offset, period.name()),
            at(setAt)));
    return m;
  }

  @Test
  void tryConsume_limitPerDay_sixthRefusedThenNextUtcDayResets() {
    UsageMeter m = meter(5, 0, QuotaPeriod.DAY, "2024-05-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      assertThat(m.tryConsume(at("2024-05-01T23:59:00Z"))).isTrue();
    }
    assertThat(m.tryConsume(at("2024-05-01T23:59:59Z"))).isFalse();
    assertThat(m.remaining(at("2024-05-01T23:59:59Z"))).isZero();
    assertThat(m.tryConsume(at("2024-05-02T00:00:00Z"))).isTrue();
    assertThat(m.usedOnDay(QuotaPeriod.epochDay(at("2024-05-01T12:00:00Z")))).isEqualTo(5);
  }

  @Test
  void tryConsume_offset_reducesOnlyTheInitialPeriod() {
    UsageMeter m = meter(3, 2, QuotaPeriod.MONTH, "2024-01-15T00:00:00Z");
    assertThat(m.tryConsume(at("2024-01-31T23:00:00Z"))).isTrue();
    assertThat(m.tryConsume(at("2024-01-31T23:00:00Z"))).isFalse();
    for (int i = 0; i < 3; i++) {
      assertThat(m.tryConsume(at("2024-02-29T12:00:00Z"))).isTrue();
    }
    assertThat(m.tryConsume(at("2024-02-29T23:59:59Z"))).isFalse();
    assertThat(m.tryConsume(at("2024-03-01T00:00:00Z"))).isTrue();
  }

  @Test
  void setRemaining_currentPeriodOnly() {
    UsageMeter m = meter(2, 0, QuotaPeriod.DAY, "2024-05-01T00:00:00Z");
    long now = at("2024-05-01T10:00:00Z");
    m.tryConsume(now);
    m.tryConsume(now);
    assertThat(m.tryConsume(now)).isFalse();
    m.setRemaining(5, now);
    assertThat(m.remaining(now)).isEqualTo(5);
    assertThat(m.tryConsume(now)).isTrue();
    assertThat(m.remaining(at("2024-05-02T00:00:00Z"))).isEqualTo(2);
  }

  @Test
  void noQuota_countsUsageAndNeverRefuses() {
    UsageMeter m = new UsageMeter("plan", "key");
    for (int i = 0; i < 100; i++) {
      assertThat(m.tryConsume(at("2024-05-01T10:00:00Z"))).isTrue();
    }
    assertThat(m.usedOnDay(QuotaPeriod.epochDay(at("2024-05-01T10:00:00Z")))).isEqualTo(100);
  }

  @Test
  void drainChanges_reportsClosedDayAfterMidnight() {
    UsageMeter m = meter(10, 0, QuotaPeriod.WEEK, "2024-05-01T00:00:00Z");
    m.tryConsume(at("2024-05-01T23:59:59Z"));
    m.tryConsume(at("2024-05-01T23:59:59Z"));
    m.tryConsume(at("2024-05-02T00:00:01Z"));
    UsageSample s = m.drainChanges(at("2024-05-02T00:00:02Z"));
    assertThat(s.closedDayUsed()).isEqualTo(2);
    assertThat(s.dayUsed()).isEqualTo(1);
    assertThat(s.remaining()).isEqualTo(7);
    assertThat(m.drainChanges(at("2024-05-02T00:00:03Z"))).isNull();
  }
}
