package dev.turnpike.observe;

import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * AWS's request identifiers (spec 1.2): {@code x-amzn-RequestId} is a v4 UUID (a client may supply its own valid
 * UUID), {@code x-amz-apigw-id} (the extended request id) is 16 characters of base64 ending in '=', and
 * {@code X-Amzn-Trace-Id} is {@code Root=1-<8 hex epoch seconds>-<24 hex>}. Generated from
 * {@link ThreadLocalRandom}: unique enough for correlation, and lock-free on the event loop (SecureRandom is not).
 */
public final class RequestIds {
  private static final Pattern UUID_FORM = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private RequestIds() {}

  public static String requestId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** The client's {@code x-amzn-RequestId} if it is a valid UUID, otherwise a new one. */
  public static String requestId(@Nullable String clientSupplied) {
    return clientSupplied != null && UUID_FORM.matcher(clientSupplied).matches() ? clientSupplied : requestId();
  }

  public static String extendedRequestId() {
    byte[] b = new byte[11];
    ThreadLocalRandom.current().nextBytes(b);
    // 11 bytes encode to 15 base64 characters + one '=' of padding: 16 in all, as AWS's ids look.
    return Base64.getEncoder().encodeToString(b).replace('/', 'A').replace('+', 'B');
  }

  public static String traceId(long epochSeconds) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return String.format("Root=1-%08x-%08x%016x", epochSeconds, r.nextInt(), r.nextLong());
  }
}
