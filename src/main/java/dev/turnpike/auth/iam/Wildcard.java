package dev.turnpike.auth.iam;

/**
 * IAM's wildcard matching: {@code *} matches any run of characters (including none, and across {@code /} and
 * {@code :}), {@code ?} exactly one character; everything else literally. Iterative with single-star backtracking,
 * so it runs in O(text × pattern) at worst and never recurses (no regular expressions, no ReDoS).
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
    int p = 0;
    int t = 0;
    int star = -1;
    int mark = 0;
    int pl = pattern.length();
    int tl = text.length();
    while (t < tl) {
      if (p < pl) {
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
    while (p < pl && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pl;
  }

  private static boolean same(char a, char b, boolean ignoreCase) {
    return a == b || ignoreCase && Character.toLowerCase(a) == Character.toLowerCase(b);
  }

  /** True when the text contains a wildcard character. */
  public static boolean hasWildcard(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
  }
}
