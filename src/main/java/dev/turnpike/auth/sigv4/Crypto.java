package dev.turnpike.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, HMAC-SHA256 and hex: the primitives SigV4 is built from. */
final class Crypto {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // Mac and MessageDigest are not thread-safe and costly to look up; one per thread is cheap.
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> newInstance(true));
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> newInstance(false));

  private Crypto() {}

  static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  static String sha256Hex(byte[] data) {
    return hex(sha256(data));
  }

  static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }

  static String sha256Base64(String text) {
    return Base64.getEncoder().encodeToString(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] hmac(byte[] key, String data) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 rejected its key", e);
    }
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  /** Compares without an early exit, so timing does not reveal the matching prefix. */
  static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }

  @SuppressWarnings("unchecked")
  private static <T> T newInstance(boolean mac) {
    try {
      return (T) (mac ? Mac.getInstance("HmacSHA256") : MessageDigest.getInstance("SHA-256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JDK lacks SHA-256", e);
    }
  }
}
