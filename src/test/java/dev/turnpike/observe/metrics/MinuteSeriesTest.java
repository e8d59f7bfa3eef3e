package dev.turnpike.observe.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.observe.metrics.MinuteSeries.Minute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-minute aggregates: one slot per minute, reused after {@link MinuteSeries#MINUTES}. */
class MinuteSeriesTest {
  private static final long T0 = 1_796_637_600_000L; // 2026-12-07T10:00:00Z, a minute boundary

  @Test
  void record_aggregatesPerMinute() {
    MinuteSeries s = new MinuteSeries();
    s.record(T0 + 1_000, 200, 3_000, 1_000);
    s.record(T0 + 59_999, 429, 500, -1);
    s.record(T0 + 60_000, 502, 45_000, 40_000);
    long m0 = T0 / 60_000;
    List<Minute> minutes = s.read(m0, m0 + 2);
    assertThat(minutes)
        .containsExactly(
            new Minute(m0, 2, 1, 0, 3_500, 500, 3_000, 1, 1_000, 1_000, 1_000),
            new Minute(m0 + 1, 1, 0, 1, 45_000, 45_000, 45_000, 1, 40_000, 40_000, 40_000));
  }

  @Test
  void record_slotReusedAfterTheRing_oldMinuteDropped() {
    MinuteSeries s = new MinuteSeries();
    long later = T0 + MinuteSeries.MINUTES * 60_000L;
    s.record(T0, 200, 1_000, -1);
    s.record(later, 200, 2_000, -1);
    s.record(T0, 200, 1_000, -1); // late arrival of the old minute: dropped, not mixed in
    long m0 = T0 / 60_000;
    assertThat(s.read(m0, m0 + 1)).isEmpty();
    assertThat(s.read(m0 + MinuteSeries.MINUTES, m0 + MinuteSeries.MINUTES + 1))
        .extracting(Minute::requests)
        .containsExactly(1L);
  }
}
