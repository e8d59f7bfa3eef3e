package dev.turnpike.auth.sigv4;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The SigV4 timestamp {@code YYYYMMDDTHHMMSSZ}, and the RFC 1123 {@code Date} header fallback. */
final class AmzDate {

  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private AmzDate() {}

  static String format(Instant instant) {
    return BASIC.format(instant);
  }

  /** Parses {@code YYYYMMDDTHHMMSSZ}; returns null when {@code value} is anything else. */
  static @Nullable Instant parseBasic(String value) {
    if (value.length() != 16) {
      return null;
    }
    long strict = strictEpochSecond(value);
    if (strict != NOT_STRICT) {
      return Instant.ofEpochSecond(strict);
    }
    try {
      return Instant.from(BASIC.parse(value));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static final long NOT_STRICT = Long.MIN_VALUE;

  /**
   * The request time as {@code YYYYMMDDTHHMMSSZ}: {@code raw} itself when it is already that text
   * with every field in range (then formatting its parse gives the same characters back), else
   * {@code time} formatted. Saves a {@code DateTimeFormatter} run on every signed request.
   */
  static String basicText(String raw, Instant time) {
    return raw.length() == 16 && strictEpochSecond(raw) != NOT_STRICT ? raw : format(time);
  }

  /**
   * Epoch second of {@code value} when it is 16 characters of {@code YYYYMMDDTHHMMSSZ} with a real
   * calendar date and a time of day within 00:00:00–23:59:59, else {@link #NOT_STRICT}. Anything
   * else (day 31 of a 30-day month, hour 24, …) is left to the formatter, whose smart resolution
   * stays the single rule for such values.
   */
  private static long strictEpochSecond(String value) {
    if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
      return NOT_STRICT;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 4, 2);
    int day = digits(value, 6, 2);
    int hour = digits(value, 9, 2);
    int minute = digits(value, 11, 2);
    int second = digits(value, 13, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || day > YearMonth.of(year, month).lengthOfMonth()) {
      return NOT_STRICT;
    }
    return LocalDate.of(year, month, day).toEpochDay() * 86_400L
        + hour * 3_600L
        + minute * 60L
        + second;
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /**
   * Parses an {@code X-Amz-Date} (basic format) or a {@code Date} header (RFC 1123, as botocore's
   * {@code formatdate} writes it, {@code GMT} or {@code -0000}); returns null if neither fits.
   */
  static @Nullable Instant parse(String value, boolean isDateHeader) {
    Instant basic = parseBasic(value.trim());
    if (basic != null || !isDateHeader) {
      return basic;
    }
    try {
      return Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim()));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
