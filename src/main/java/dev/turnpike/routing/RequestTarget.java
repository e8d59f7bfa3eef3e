package dev.turnpike.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A request-target as a client sent it, made safe to route and to forward (issue 22), in one pass
 * that allocates nothing for an ordinary target.
 *
 * <p>Implementation notes. What AWS does with dot segments is not documented and not recorded in
 * the sources Turnpike has (spec 4.2 marks even the server's dot-segment handling for SigV4
 * [UNCONF]); botocore signs the path after RFC 3986 5.2.4's {@code remove_dot_segments}, and an AWS
 * front end that routed {@code /a/../b} differently from the path botocore signed would refuse
 * every such signed request. Turnpike therefore resolves dot segments before anything routes,
 * authorizes or forwards, as RFC 3986 5.2.4 says: routing, IAM, the decision record and the backend
 * all see the same path, and a path cannot name one resource to the gateway and another to a
 * normalizing backend. A segment is a dot segment also when its dots are percent-encoded ({@code
 * %2e}, {@code .%2E}), since RFC 3986 6.2.2.2 lets any receiver decode them.
 *
 * <p>Bytes a request-target may not hold raw (RFC 3986 2: controls, space, bytes from 0x80, and
 * {@code " < > \ ^ ` { | } [ ]}, and {@code #} in the path) are percent-encoded, and a {@code %}
 * that does not start two hex digits becomes {@code %25}: the target then means what the client's
 * bytes meant, every decoder after this accepts it (no gateway-made 500), and raw UTF-8 reaches the
 * backend once encoded ({@code é}, bytes C3 A9, as {@code %C3%A9}) instead of encoded twice.
 * Netty's request decoder gives each byte of the request line as one char (ISO-8859-1), which is
 * what this reads.
 *
 * <p>Encoded slashes ({@code %2F}), backslashes and {@code ;} parameters are not segment separators
 * here, so {@code ..%2f} or {@code ..;} stays inside one path parameter; {@link #climbs} is the
 * check that such a value never reaches a backend that would read it as a step up.
 */
public final class RequestTarget {
  /** ASCII characters that end the fast path: {@code %}, {@code .} and those encoded here. */
  private static final boolean[] SPECIAL = new boolean[128];

  /** ASCII characters a target may not hold raw. */
  private static final boolean[] UNSAFE = new boolean[128];

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static {
    for (char c = 0; c <= ' '; c++) {
      UNSAFE[c] = true;
    }
    UNSAFE[0x7f] = true;
    for (char c : "\"<>\\^`{|}[]".toCharArray()) {
      UNSAFE[c] = true;
    }
    System.arraycopy(UNSAFE, 0, SPECIAL, 0, 128);
    SPECIAL['%'] = true;
    SPECIAL['.'] = true;
    SPECIAL['#'] = true;
  }

  private RequestTarget() {}

  /**
   * The target with unsafe bytes and stray {@code %} encoded and, in an origin-form path, dot
   * segments removed; {@code target} itself (no copy) when there is nothing to change.
   */
  public static String normalize(String target) {
    if (!special(target)) {
      return target;
    }
    String encoded = encodeUnsafe(target);
    if (encoded.isEmpty() || encoded.charAt(0) != '/') {
      return encoded; // asterisk or absolute form: no path segments of ours to resolve
    }
    int q = encoded.indexOf('?');
    String path = q < 0 ? encoded : encoded.substring(0, q);
    if (!hasDotSegment(path)) {
      return encoded;
    }
    String resolved = removeDotSegments(path);
    return q < 0 ? resolved : resolved + encoded.substring(q);
  }

  /**
   * True when a percent-encoded path (or a path parameter's value) has a {@code ..} segment by any
   * reading a backend may apply: decoded once, split at {@code /} and at {@code \}, and with a
   * segment's {@code ;} parameters dropped ({@code ..;} is {@code ..} to a Servlet container).
   */
  public static boolean climbs(String raw) {
    if (raw.indexOf('.') < 0 && raw.indexOf('%') < 0) {
      return false;
    }
    byte[] bytes = decode(raw);
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '/' || bytes[i] == '\\') {
        int end = i;
        for (int j = start; j < i; j++) {
          if (bytes[j] == ';') {
            end = j;
            break;
          }
        }
        if (end - start == 2 && bytes[start] == '.' && bytes[start + 1] == '.') {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static boolean special(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c >= 128 || SPECIAL[c]) {
        return true;
      }
    }
    return false;
  }

  private static String encodeUnsafe(String s) {
    StringBuilder b = null;
    int n = s.length();
    boolean inPath = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      inPath &= c != '?';
      boolean strayPercent =
          c == '%' && !(i + 2 < n && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2)));
      // A raw '#' in the path would be a fragment to the backend (which would then serve a path
      // other than the one routed); after '?' the gateway drops it and what follows.
      boolean pathHash = c == '#' && inPath;
      if (!strayPercent && !pathHash && c < 128 && !UNSAFE[c]) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(n + 16).append(s, 0, i);
      }
      if (c <= 0xff) {
        appendByte(b, c);
      } else {
        // Not from an HTTP/1.1 request line; a decoded HTTP/2 :path may carry any char.
        for (byte x : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
          appendByte(b, x & 0xff);
        }
      }
    }
    return b == null ? s : b.toString();
  }

  private static void appendByte(StringBuilder b, int x) {
    b.append('%').append(HEX[(x >> 4) & 0xf]).append(HEX[x & 0xf]);
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean hasDotSegment(String path) {
    int start = 1;
    for (int i = 1; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        if (dots(path, start, i) > 0) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /** 1 for a {@code .} segment, 2 for {@code ..}, either spelled with {@code %2e}; else 0. */
  private static int dots(String s, int from, int to) {
    int count = 0;
    int i = from;
    while (i < to) {
      if (s.charAt(i) == '.') {
        i++;
      } else if (i + 3 <= to
          && s.charAt(i) == '%'
          && s.charAt(i + 1) == '2'
          && (s.charAt(i + 2) == 'e' || s.charAt(i + 2) == 'E')) {
        i += 3;
      } else {
        return 0;
      }
      count++;
      if (count > 2) {
        return 0;
      }
    }
    return count;
  }

  /** RFC 3986 5.2.4 over segments; a trailing dot segment leaves a trailing slash. */
  private static String removeDotSegments(String path) {
    List<String> out = new ArrayList<>();
    int start = 1;
    for (int i = 1; i <= path.length(); i++) {
      if (i == path.length() || path.charAt(i) == '/') {
        boolean last = i == path.length();
        int d = dots(path, start, i);
        if (d == 0) {
          out.add(path.substring(start, i));
        } else {
          if (d == 2 && !out.isEmpty()) {
            out.remove(out.size() - 1);
          }
          if (last) {
            out.add("");
          }
        }
        start = i + 1;
      }
    }
    return "/" + String.join("/", out);
  }

  /** Percent-decodes to bytes; a {@code %} without two hex digits stays as it is. */
  private static byte[] decode(String raw) {
    byte[] out = new byte[raw.length()];
    int n = 0;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length() && hex(raw.charAt(i + 1)) && hex(raw.charAt(i + 2))) {
        out[n++] =
            (byte)
                (Character.digit(raw.charAt(i + 1), 16) * 16
                    + Character.digit(raw.charAt(i + 2), 16));
        i += 2;
      } else {
        out[n++] = (byte) c;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
