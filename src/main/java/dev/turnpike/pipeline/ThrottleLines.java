package dev.turnpike.pipeline;

import dev.turnpike.counters.Limiter;
import java.util.Locale;

/** The execution-log texts of throttle refusals (built only when the method logs). */
final class ThrottleLines {
  private ThrottleLines() {}

  /**
   * {@code RestApi x, Stage y, Resource z, HttpMethod GET. Limit: 1.00 Burst: 1} (spec 2.6,
   * recorded).
   */
  static String where(Exchange ex, Limiter l) {
    return "RestApi "
        + ex.stage().apiId()
        + ", Stage "
        + ex.stage().stageName()
        + ", Resource "
        + ex.route().resourceId()
        + ", HttpMethod "
        + ex.method
        + ". Limit: "
        + String.format(Locale.ROOT, "%.2f", l.rate())
        + " Burst: "
        + l.burst();
  }
}
