package dev.turnpike.model;

/** JSON text helpers with no library behind them: the request path renders small bodies without a mapper. */
public final class Json {
  private Json() {}

  /** {@code s} as a JSON string literal, quotes included. */
  public static String quote(String s) {
    if (plain(s)) {
      return '"' + s + '"'; // the common case (ids, paths, numbers): nothing to escape
    }
    return appendQuoted(new StringBuilder(s.length() + 2), s).toString();
  }

  /**
   * Appends {@code s} as a JSON string literal to {@code b}: the same text as {@link #quote}, without an intermediate
   * string per value (the access log writes fourteen per line).
   */
  public static StringBuilder appendQuoted(StringBuilder b, String s) {
    if (plain(s)) {
      return b.append('"').append(s).append('"');
    }
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"');
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
