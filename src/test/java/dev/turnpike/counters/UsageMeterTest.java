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
  void drain_reportsClosedDayAfterMidnight_thenNothing() {
    UsageMeter m = meter(10, 0, QuotaPeriod.WEEK, "2024-05-01T00:00:00Z");
    m.tryConsume(at("2024-05-01T23:59:59Z"));
    m.tryConsume(at("2024-05-01T23:59:59Z"));
    m.tryConsume(at("2024-05-02T00:00:01Z"));
    UsageDelta d = m.drain(at("2024-05-02T00:00:02Z"), false).delta;
    assertThat(d.closedDay()).isEqualTo(QuotaPeriod.epochDay(at("2024-05-01T00:00:00Z")));
    assertThat(d.closedDayDelta()).isEqualTo(2);
    assertThat(d.dayDelta()).isEqualTo(1);
    assertThat(d.periodDelta()).isEqualTo(3);
    assertThat(d.periodLimit()).isEqualTo(10);
    assertThat(m.drain(at("2024-05-02T00:00:03Z"), false)).isNull();
  }

  @Test
  void rebase_adoptsTheClusterTotalsAndKeepsWhatThisNodeCountedSinceTheDrain() {
    UsageMeter m = meter(10, 0, QuotaPeriod.DAY, "2024-05-01T00:00:00Z");
    long now = at("2024-05-01T10:00:00Z");
    long day = QuotaPeriod.epochDay(now);
    m.tryConsume(now);
    m.tryConsume(now);
    UsageMeter.Drained drained = m.drain(now, false);
    assertThat(drained.delta.periodDelta()).isEqualTo(2);
    m.tryConsume(now); // counted after the drain
    // the sink added the 2 to the 5 other nodes counted
    m.rebase(new UsageSample("plan", "key", day, 7, day, 7, -1, 0, 3));
    assertThat(m.used(now)).isEqualTo(8);
    assertThat(m.remaining(now)).isEqualTo(2);
    assertThat(m.pendingInPeriod(day)).isEqualTo(1);
    assertThat(m.pendingOnDay(day)).isEqualTo(1);
    UsageDelta next = m.drain(now, false).delta;
    assertThat(next.periodDelta()).isEqualTo(1);
    assertThat(next.dayDelta()).isEqualTo(1);
  }

  @Test
  void undrain_sendsTheCountsAgainWithTheNextDrain() {
    UsageMeter m = meter(10, 0, QuotaPeriod.DAY, "2024-05-01T00:00:00Z");
    long now = at("2024-05-01T10:00:00Z");
    m.tryConsume(now);
    m.undrain(m.drain(now, false)); // the store was unreachable
    m.tryConsume(now);
    assertThat(m.drain(now, false).delta.periodDelta()).isEqualTo(2);
  }

  @Test
  void drain_refreshOfAnIdleMeter_zeroDeltaForTheCurrentPeriodAndDay() {
    UsageMeter m = meter(10, 0, QuotaPeriod.DAY, "2024-05-01T00:00:00Z");
    long now = at("2024-05-03T10:00:00Z");
    assertThat(m.drain(now, false)).isNull();
    UsageDelta d = m.drain(now, true).delta;
    assertThat(d.periodIndex()).isEqualTo(QuotaPeriod.epochDay(now));
    assertThat(d.day()).isEqualTo(QuotaPeriod.epochDay(now));
    assertThat(d.periodDelta()).isZero();
    // another node used the whole quota: this one refuses until the period ends
    long day = QuotaPeriod.epochDay(now);
    m.rebase(new UsageSample("plan", "key", day, 10, day, 10, -1, 0, 0));
    assertThat(m.tryConsume(now)).isFalse();
    assertThat(m.tryConsume(at("2024-05-04T00:00:00Z"))).isTrue();
  }
}
