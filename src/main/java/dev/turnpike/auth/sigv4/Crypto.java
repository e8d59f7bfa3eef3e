package dev.turnpike.auth.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** SHA-256, HMAC-SHA256 and hex: the primitives SigV4 is built from. */
final class Crypto {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // Mac and MessageDigest are not thread-safe and costly to look up; one per thread is cheap.
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> newInstance(true));
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> newInstance(false));

  // Per-thread scratch for the verification hot path: the canonical request and the string to sign
  // are built in one
  // reused builder and fed to the digest/MAC from one reused byte array, so a verified request
  // allocates neither
  // text Strings nor their UTF-8 copies. Callers take text() and must finish with it before the
  // next call.
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private static final class Scratch {
    final StringBuilder text = new StringBuilder(1024);
    byte[] bytes = new byte[1024];
    final byte[] mac = new byte[32];
    // The key array MAC is initialised with. Signing keys come from SigningKey's caches and are
    // never modified, so
    // the same array means the same key, and the costly init (key copy, pad blocks) can be skipped:
    // doFinal leaves
    // the Mac reset and ready for that key again.
    byte @Nullable [] macKey;
  }

  private Crypto() {}

  /** This thread's scratch builder, emptied. Valid until the next call on this thread. */
  static StringBuilder text() {
    StringBuilder b = SCRATCH.get().text;
    b.setLength(0);
    return b;
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code text}, without copying the text to a String. */
  static String sha256Hex(CharSequence text) {
    Scratch s = SCRATCH.get();
    int n = utf8(s, text);
    MessageDigest md = SHA256.get();
    md.update(s.bytes, 0, n);
    return hex(md.digest());
  }

  /**
   * True when {@code expectedHex} is the lowercase hex HMAC-SHA256 of {@code data} under {@code
   * key}; equal to {@code constantTimeEquals(hex(hmac(key, data)), expectedHex)} without allocating
   * the MAC, its hex or the bytes.
   */
  static boolean hmacHexMatches(byte[] key, CharSequence data, String expectedHex) {
    Scratch s = SCRATCH.get();
    int n = utf8(s, data);
    Mac mac = initMac(key);
    try {
      mac.update(s.bytes, 0, n);
      mac.doFinal(s.mac, 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC output buffer too small", e);
    }
    return hexEquals(s.mac, expectedHex);
  }

  /**
   * Whether {@code hex} is the lowercase hex of {@code bytes}, examining every character whatever
   * the first difference (timing reveals no matching prefix). Same answer as comparing the UTF-8
   * bytes of {@code hex(bytes)} and {@code hex}: a non-ASCII character never equals a hex digit,
   * and only the lengths decide early.
   */
  static boolean hexEquals(byte[] bytes, String hex) {
    if (hex.length() != bytes.length * 2) {
      return false;
    }
    int diff = 0;
    for (int i = 0; i < bytes.length; i++) {
      diff |= HEX[(bytes[i] >> 4) & 0xF] ^ hex.charAt(2 * i);
      diff |= HEX[bytes[i] & 0xF] ^ hex.charAt(2 * i + 1);
    }
    return diff == 0;
  }

  /**
   * Encodes {@code text} as UTF-8 into {@code s.bytes} (grown as needed); returns the byte count.
   */
  private static int utf8(Scratch s, CharSequence text) {
    int len = text.length();
    if (s.bytes.length < len) {
      s.bytes = new byte[Math.max(len, s.bytes.length * 2)];
    }
    for (int i = 0; i < len; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // Rare (a signed header value with non-ASCII text): let the JDK do UTF-8, surrogates
        // included.
        byte[] encoded = text.toString().getBytes(StandardCharsets.UTF_8);
        if (s.bytes.length < encoded.length) {
          s.bytes = new byte[encoded.length];
        }
        System.arraycopy(encoded, 0, s.bytes, 0, encoded.length);
        return encoded.length;
      }
      s.bytes[i] = (byte) c;
    }
    return len;
  }

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
    Mac mac = initMac(key);
    return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
  }

  private static Mac initMac(byte[] key) {
    Mac mac = MAC.get();
    Scratch s = SCRATCH.get();
    if (s.macKey != key) {
      s.macKey = null; // if init fails, the Mac's state is unknown
      try {
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 rejected its key", e);
      }
      s.macKey = key;
    }
    return mac;
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
