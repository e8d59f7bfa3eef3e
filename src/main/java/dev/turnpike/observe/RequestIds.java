package dev.turnpike.observe;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AWS's request identifiers (spec 1.2): {@code x-amzn-RequestId} is a v4 UUID (a client may supply
 * its own valid UUID), {@code x-amz-apigw-id} (the extended request id) is 16 characters of base64
 * ending in '=', and {@code X-Amzn-Trace-Id} is {@code Root=1-<8 hex epoch seconds>-<24 hex>}.
 * Generated from {@link ThreadLocalRandom}: unique enough for correlation, and lock-free on the
 * event loop (SecureRandom is not).
 */
public final class RequestIds {
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RequestIds() {}

  public static String requestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** The client's {@code x-amzn-RequestId} if it is a valid UUID, otherwise a new one. */
  public static String requestId(@Nullable String clientSupplied) {
    return clientSupplied != null && UUID_FORM.matcher(clientSupplied).matches()
        ? clientSupplied
        : requestId();
  }

  public static String extendedRequestId() {
    byte[] b = new byte[11];
    ThreadLocalRandom.current().nextBytes(b);
    // 11 bytes encode to 15 base64 characters + one '=' of padding: 16 in all, as AWS's ids look.
    // Encoded to bytes
    // and fixed up in place: one string per id instead of up to three.
    byte[] chars = Base64.getEncoder().encode(b);
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == '/') {
        chars[i] = 'A';
      } else if (chars[i] == '+') {
        chars[i] = 'B';
      }
    }
    return new String(chars, StandardCharsets.ISO_8859_1);
  }

  public static String traceId(long epochSeconds) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    // Written as hex into one char array: String.format parses its pattern on every call (it was 5%
    // of a
    // proxied request's CPU in the S1 profile).
    char[] out = new char[7 + 8 + 1 + 24];
    "Root=1-".getChars(0, 7, out, 0);
    hex(epochSeconds, 8, out, 7);
    out[15] = '-';
    hex(r.nextInt() & 0xFFFFFFFFL, 8, out, 16);
    hex(r.nextLong(), 16, out, 24);
    return new String(out);
  }

  private static void hex(long value, int digits, char[] out, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      out[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
  }
}
