package dev.turnpike.server;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The HTTP {@code Date} header value, formatted at most once per second (it is on every response).
 */
final class HttpDate {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  private final Clock clock;
  private volatile Cached cached = new Cached(Long.MIN_VALUE, "");

  HttpDate(Clock clock) {
    this.clock = clock;
  }

  String now() {
    long second = clock.millis() / 1000;
    Cached c = cached;
    if (c.second != second) {
      c = new Cached(second, FORMAT.format(Instant.ofEpochSecond(second)));
      cached = c;
    }
    return c.text;
  }

  private record Cached(long second, String text) {}
}
