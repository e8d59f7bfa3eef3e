package dev.turnpike.control.cognito;

import dev.turnpike.control.ApiException;
import dev.turnpike.model.CognitoUserPool;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords: a pool's policy with Cognito's {@code InvalidPasswordException} texts, PBKDF2 hashes
 * ({@code pbkdf2-sha256$iterations$salt$hash}, so the work factor can change without invalidating
 * stored hashes), and generated temporary passwords. A password is never logged or stored as is.
 */
final class Passwords {
  /**
   * PBKDF2-HMAC-SHA256 rounds: tens of milliseconds per check on the single control thread, a cost
   * suited to a local stand-in for Cognito (it never faces the Internet's guessing rates).
   */
  static final int ITERATIONS = 100_000;

  private static final String SYMBOLS = "^$*.[]{}()?\"!@#%&/\\,><':;|_~`=+- ";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Passwords() {}

  /** Throws Cognito's {@code InvalidPasswordException} when the pool's policy refuses it. */
  static void checkPolicy(CognitoUserPool.PasswordPolicy policy, String password) {
    String problem = null;
    if (password.length() < policy.minimumLength()) {
      problem = "Password not long enough";
    } else if (policy.requireLowercase() && password.chars().noneMatch(Character::isLowerCase)) {
      problem = "Password must have lowercase characters";
    } else if (policy.requireUppercase() && password.chars().noneMatch(Character::isUpperCase)) {
      problem = "Password must have uppercase characters";
    } else if (policy.requireNumbers() && password.chars().noneMatch(Character::isDigit)) {
      problem = "Password must have numeric characters";
    } else if (policy.requireSymbols()
        && password.chars().noneMatch(c -> SYMBOLS.indexOf(c) >= 0)) {
      problem = "Password must have symbol characters";
    }
    if (problem != null) {
      throw new ApiException(
          400, "InvalidPasswordException", "Password did not conform with policy: " + problem);
    }
  }

  /**
   * The {@code password} member's own constraint (botocore: {@code [\S]+(.*[\S]+)?}, at most 256):
   * no leading or trailing white space.
   */
  static void checkShape(String password, String member) {
    if (password.isEmpty()
        || password.length() > 256
        || Character.isWhitespace(password.charAt(0))
        || Character.isWhitespace(password.charAt(password.length() - 1))) {
      throw CognitoService.invalidParameter(
          "1 validation error detected: Value at '"
              + member
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " ^[\\S]+.*[\\S]+$");
    }
  }

  static String hash(String password) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    return "pbkdf2-sha256$"
        + ITERATIONS
        + "$"
        + b64.encodeToString(salt)
        + "$"
        + b64.encodeToString(derive(password, salt, ITERATIONS));
  }

  static boolean matches(String password, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
      return false;
    }
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      byte[] expected = b64.decode(parts[3]);
      byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
      return MessageDigest.isEqual(expected, actual);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** A temporary password that satisfies any policy (AdminCreateUser without one). */
  static String temporary() {
    String lower = "abcdefghijkmnopqrstuvwxyz";
    String upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    String digits = "23456789";
    String symbols = "!#%&*+-=?@^_";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 4; i++) {
      b.append(lower.charAt(RANDOM.nextInt(lower.length())));
      b.append(upper.charAt(RANDOM.nextInt(upper.length())));
      b.append(digits.charAt(RANDOM.nextInt(digits.length())));
      b.append(symbols.charAt(RANDOM.nextInt(symbols.length())));
    }
    return b.toString();
  }

  private static byte[] derive(String password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable", e);
    } finally {
      spec.clearPassword();
    }
  }
}
