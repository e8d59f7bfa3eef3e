package dev.turnpike.cors;

import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One compiled {@code allowMethods} or {@code allowHeaders} list: whether {@code *} is in it, the
 * entries for matching (header names lower-cased: they compare ignoring case; methods as written:
 * HTTP methods are case-sensitive), and the header value sent for it (entries joined with {@code
 * ","}, computed once).
 */
final class AllowedNames {
  final boolean any;
  private final String[] names;
  private final boolean ignoreCase;
  final @Nullable String headerValue;

  private AllowedNames(List<String> configured, boolean ignoreCase) {
    this.ignoreCase = ignoreCase;
    this.names = new String[configured.size()];
    boolean star = false;
    for (int i = 0; i < names.length; i++) {
      String v = configured.get(i).trim();
      star |= v.equals("*");
      names[i] = ignoreCase ? v.toLowerCase(Locale.ROOT) : v;
    }
    this.any = star;
    this.headerValue = configured.isEmpty() ? null : String.join(",", configured);
  }

  static AllowedNames methods(List<String> configured) {
    return new AllowedNames(configured, false);
  }

  static AllowedNames headers(List<String> configured) {
    return new AllowedNames(configured, true);
  }

  /** Whether {@code value[offset, offset + length)} is one of the entries (no allocation). */
  boolean contains(String value, int offset, int length) {
    for (String n : names) {
      if (n.length() == length && n.regionMatches(ignoreCase, 0, value, offset, length)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first name of a comma-separated list (an {@code Access-Control-Request-Headers} value) that
   * is not an entry, null when every one is (or the list is {@code *}).
   */
  @Nullable String firstMissing(@Nullable String commaSeparated) {
    if (commaSeparated == null || any) {
      return null;
    }
    int len = commaSeparated.length();
    int start = 0;
    while (start <= len) {
      int comma = commaSeparated.indexOf(',', start);
      int end = comma < 0 ? len : comma;
      int a = start;
      int b = end;
      while (a < b && commaSeparated.charAt(a) <= ' ') {
        a++;
      }
      while (b > a && commaSeparated.charAt(b - 1) <= ' ') {
        b--;
      }
      if (b > a && !contains(commaSeparated, a, b - a)) {
        return commaSeparated.substring(a, b);
      }
      start = end + 1;
    }
    return null;
  }
}
