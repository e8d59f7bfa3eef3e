package dev.turnpike.integration.http;

/**
 * What {@link java.net.URI} accepts as a query (RFC 2396 {@code uric}: unreserved and reserved
 * characters and {@code %} followed by two hex digits), checked in one pass without building a URI.
 * A query that fails this check is not sent apart; the caller builds a whole URI from it instead,
 * which rejects or accepts it as before.
 */
public final class QueryText {
  private static final boolean[] ALLOWED = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ALLOWED[c] = true;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      ALLOWED[c] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ALLOWED[c] = true;
    }
    for (char c : "-_.!~*'();/?:@&=+$,".toCharArray()) {
      ALLOWED[c] = true;
    }
  }

  private QueryText() {}

  /**
   * True when {@code query} is made only of URI query characters, every {@code %} starting an
   * escape.
   */
  public static boolean isUriQuery(String query) {
    int n = query.length();
    for (int i = 0; i < n; i++) {
      char c = query.charAt(i);
      if (c == '%') {
        if (i + 2 >= n || !hex(query.charAt(i + 1)) || !hex(query.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (c >= 128 || !ALLOWED[c]) {
        return false;
      }
    }
    return true;
  }

  private static boolean hex(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }
}
