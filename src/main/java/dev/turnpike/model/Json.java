package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * JSON text helpers with no library behind them: the request path renders small bodies without a
 * mapper.
 */
public final class Json {
  /** The escapes of the control characters without a short one, by character. */
  private static final String[] CONTROL = new String[0x20];

  static {
    for (int c = 0; c < CONTROL.length; c++) {
      CONTROL[c] = String.format("\\u%04x", c);
    }
  }

  private Json() {}

  /** {@code s} as a JSON string literal, quotes included. */
  public static String quote(String s) {
    if (plain(s)) {
      return '"' + s + '"'; // the common case (ids, paths, numbers): nothing to escape
    }
    return appendQuoted(new StringBuilder(s.length() + 2), s).toString();
  }

  /** {@code s} as a JSON string literal, quotes included, into {@code b}. */
  private static StringBuilder appendQuoted(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String escape = escape(c);
      if (escape != null) {
        b.append(escape);
      } else {
        b.append(c);
      }
    }
    return b.append('"');
  }

  /**
   * How {@code c} is written inside a JSON string literal, or null when it stands for itself: the
   * quote, the backslash, and the control characters (short escapes where JSON has them, else a
   * backslash, {@code u} and four hex digits). The one rule for every JSON string Turnpike writes
   * by hand.
   */
  public static @Nullable String escape(char c) {
    return switch (c) {
      case '"' -> "\\\"";
      case '\\' -> "\\\\";
      case '\n' -> "\\n";
      case '\r' -> "\\r";
      case '\t' -> "\\t";
      default -> c < 0x20 ? CONTROL[c] : null;
    };
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (escape(s.charAt(i)) != null) {
        return false;
      }
    }
    return true;
  }
}
