package dev.turnpike.control;

import java.security.SecureRandom;

/** Identifier formats AWS uses (spec 6.12): lowercase alphanumerics of a fixed length. */
public final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** REST API ids, API key ids, root resource ids: 10 characters. */
  public static String restApiId() {
    return random(10);
  }

  /** Resource ids, deployment ids, usage plan ids: 6 characters. */
  public static String shortId() {
    return random(6);
  }

  public static String random(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }

  /** A 12-digit account id that does not start with 0. */
  public static String accountId() {
    StringBuilder b = new StringBuilder(12).append((char) ('1' + RANDOM.nextInt(9)));
    for (int i = 1; i < 12; i++) {
      b.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return b.toString();
  }

  /**
   * An access key id: {@code prefix} (AKIA or ASIA) + 16 base32 characters, 20 in all, as AWS
   * issues.
   */
  public static String accessKeyId(String prefix) {
    StringBuilder b = new StringBuilder(prefix);
    while (b.length() < 20) {
      b.append(UPPER[RANDOM.nextInt(UPPER.length)]);
    }
    return b.toString();
  }

  /** A 40-character secret access key. */
  public static String secretAccessKey() {
    String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    StringBuilder b = new StringBuilder(40);
    for (int i = 0; i < 40; i++) {
      b.append(chars.charAt(RANDOM.nextInt(chars.length())));
    }
    return b.toString();
  }
}
