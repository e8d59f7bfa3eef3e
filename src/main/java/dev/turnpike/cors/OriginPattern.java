package dev.turnpike.cors;

/**
 * One {@code allowOrigins} entry with {@code *} in it: {@code https://*} and {@code http://*}
 * (AWS's documented forms: any origin with that scheme) and, beyond what AWS documents, {@code
 * https://*.example.com} or {@code http://localhost:*}. Each {@code *} matches any run of
 * characters; matching ignores case (browsers serialize origins in lower case, configurations are
 * typed by people). Iterative, no allocation, no backtracking blow-up.
 */
final class OriginPattern {
  private final String pattern;

  OriginPattern(String pattern) {
    this.pattern = pattern;
  }

  static boolean isPattern(String entry) {
    return entry.indexOf('*') >= 0 && !entry.equals("*");
  }

  boolean matches(String origin) {
    int p = 0;
    int o = 0;
    int starAt = -1;
    int resumeAt = 0;
    while (o < origin.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        starAt = p++;
        resumeAt = o;
      } else if (p < pattern.length() && same(pattern.charAt(p), origin.charAt(o))) {
        p++;
        o++;
      } else if (starAt >= 0) {
        p = starAt + 1;
        o = ++resumeAt;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  private static boolean same(char a, char b) {
    return a == b || Character.toLowerCase(a) == Character.toLowerCase(b);
  }

  @Override
  public String toString() {
    return pattern;
  }
}
