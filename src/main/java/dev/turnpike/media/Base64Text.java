package dev.turnpike.media;

import java.util.Base64;

/**
 * Base64 text as functions and backends send it: the standard alphabet, optional padding-correct
 * {@code =}, and line breaks (Python's {@code encodebytes} writes 76-column lines). Anything else
 * is refused rather than skipped, so a body that is not base64 is an error, not silently shortened.
 */
public final class Base64Text {
  private Base64Text() {}

  /**
   * The decoded bytes.
   *
   * @throws IllegalArgumentException when {@code text} is not base64
   */
  public static byte[] decode(byte[] text) {
    for (byte b : text) {
      boolean ok =
          (b >= 'A' && b <= 'Z')
              || (b >= 'a' && b <= 'z')
              || (b >= '0' && b <= '9')
              || b == '+'
              || b == '/'
              || b == '='
              || b == '\r'
              || b == '\n';
      if (!ok) {
        throw new IllegalArgumentException("not base64: byte " + (b & 0xff));
      }
    }
    return Base64.getMimeDecoder().decode(text);
  }
}
