package dev.turnpike.auth.iam;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (including none, and across
 * {@code /} and {@code :}), {@code ?} exactly one character; everything else literally. Iterative
 * with single-star backtracking, so it runs in O(text × pattern) at worst and never recurses (no
 * regular expressions, no ReDoS).
 */
public final class Wildcard {
  private Wildcard() {}

  public static boolean matches(String pattern, String text) {
    return matches(pattern, text, false);
  }

  public static boolean matchesIgnoreCase(String pattern, String text) {
    return matches(pattern, text, true);
  }

  static boolean matches(String pattern, String text, boolean ignoreCase) {
    return matches(pattern, 0, pattern.length(), text, 0, text.length(), ignoreCase);
  }

  /**
   * {@code pattern[pFrom, pTo)} against {@code text[tFrom, tTo)}: the ARN matcher compares part by
   * part without cutting each part out as a new string.
   */
  static boolean matches(
      String pattern, int pFrom, int pTo, String text, int tFrom, int tTo, boolean ignoreCase) {
    int p = pFrom;
    int t = tFrom;
    int star = -1;
    int mark = tFrom;
    while (t < tTo) {
      if (p < pTo) {
        char pc = pattern.charAt(p);
        if (pc == '*') {
          star = p++;
          mark = t;
          continue;
        }
        if (pc == '?' || same(pc, text.charAt(t), ignoreCase)) {
          p++;
          t++;
          continue;
        }
      }
      if (star < 0) {
        return false;
      }
      p = star + 1;
      t = ++mark;
    }
    while (p < pTo && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pTo;
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
  }

  /** True when the text contains a wildcard character. */
  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }
}
