package dev.turnpike.observe;

import dev.turnpike.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Log lines built as UTF-8 bytes in a reused array, each value read once: ASCII characters are
 * copied as they are, anything else goes through the JDK's UTF-8 encoder. Replaces building each
 * line in a {@code StringBuilder}, scanning each value for characters to escape before appending
 * it, copying the line out and encoding it again on the way to the file: three passes over every
 * character of the busiest line Turnpike writes. The lines gather here until they go to the file
 * together ({@link #appendTo}). Not thread-safe: one per writer thread.
 */
final class LineBuffer {
  private byte[] bytes = new byte[1024];
  private int length;

  void reset() {
    length = 0;
  }

  int length() {
    return length;
  }

  /** Text the code itself supplies (JSON punctuation, field names): ASCII, nothing to escape. */
  LineBuffer ascii(String text) {
    ensure(text.length());
    text.getBytes(
        0,
        text.length(),
        bytes,
        length); // deprecated for its lossy narrowing, which ASCII never needs
    length += text.length();
    return this;
  }

  LineBuffer decimal(long value) {
    return ascii(Long.toString(value));
  }

  /** {@code text} as it is, in UTF-8, with every line feed made a space: one request, one line. */
  LineBuffer text(String text) {
    int n = text.length();
    ensure(n);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return utf8(text.substring(i).replace('\n', ' '));
      }
      bytes[length++] = c == '\n' ? (byte) ' ' : (byte) c;
    }
    return this;
  }

  /** {@code text} as a JSON string literal, quotes included, with {@link Json#escape}'s escapes. */
  LineBuffer jsonString(String text) {
    int n = text.length();
    ensure(n + 2);
    bytes[length++] = '"';
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        utf8(
            Json.quote(text.substring(i))
                .substring(1)); // the rest, escaped, with its closing quote
        return this;
      }
      String escape = Json.escape(c);
      if (escape != null) {
        ascii(escape);
        ensure(n - i + 1);
      } else {
        bytes[length++] = (byte) c;
      }
    }
    bytes[length++] = '"';
    return this;
  }

  /** The bytes of {@code other} from {@code start} to its end, appended here. */
  LineBuffer copyFrom(LineBuffer other, int start) {
    int n = other.length - start;
    ensure(n);
    System.arraycopy(other.bytes, start, bytes, length, n);
    length += n;
    return this;
  }

  LineBuffer newline() {
    ensure(1);
    bytes[length++] = '\n';
    return this;
  }

  /**
   * Appends the lines gathered so far to {@code file} and empties the buffer (also when the write
   * fails).
   */
  void appendTo(RotatingFile file) throws IOException {
    try {
      if (length > 0) {
        file.append(bytes, length);
      }
    } finally {
      reset();
    }
  }

  /** The bytes so far (tests). */
  byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** The text so far (tests). */
  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private LineBuffer utf8(String text) {
    byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
    ensure(encoded.length);
    System.arraycopy(encoded, 0, bytes, length, encoded.length);
    length += encoded.length;
    return this;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
