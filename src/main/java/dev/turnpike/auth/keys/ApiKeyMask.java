package dev.turnpike.auth.keys;

/**
 * Masks an API key the way API Gateway's execution logs do.
 *
 * <p>Implementation notes: the logs show a 40-character key as 34 {@code *} followed by its last 6
 * characters ({@code **********************************F0yrv6},
 * https://repost.aws/knowledge-center/api-gateway-429-limit). We keep that rule for every length:
 * all but the last 6 characters become {@code *}; a key of 6 characters or fewer is masked
 * entirely, so a short (client-sent, unknown) value is never logged in clear. An absent key is the
 * empty string, as in AWS's {@code API Key: authorized ...} lines. [UNCONF] masking of lengths
 * other than 40.
 */
public final class ApiKeyMask {
  private static final int VISIBLE = 6;

  private ApiKeyMask() {}

  public static String mask(String value) {
    int n = value.length();
    if (n == 0) {
      return "";
    }
    StringBuilder b = new StringBuilder(n);
    int stars = n <= VISIBLE ? n : n - VISIBLE;
    for (int i = 0; i < stars; i++) {
      b.append('*');
    }
    return b.append(value, stars, n).toString();
  }
}
