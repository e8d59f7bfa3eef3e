package dev.turnpike.auth.sigv4;

import java.time.Instant;
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
    try {
      return Instant.from(BASIC.parse(value));
    } catch (DateTimeParseException e) {
      return null;
    }
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
