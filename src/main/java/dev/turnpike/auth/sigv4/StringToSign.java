package dev.turnpike.auth.sigv4;

/**
 * SigV4 task 2: {@code AWS4-HMAC-SHA256 \n <timestamp> \n <date>/<region>/<service>/aws4_request \n
 * hex(sha256(canonical request))}.
 */
public final class StringToSign {

  /** The only algorithm SigV4 (as opposed to SigV4a) defines. */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  private StringToSign() {}

  /**
   * @param amzDate the request time as {@code YYYYMMDDTHHMMSSZ}
   * @param scope {@code <YYYYMMDD>/<region>/<service>/aws4_request}
   * @param canonicalRequestHash hex SHA-256 of the canonical request text
   */
  public static String of(String amzDate, String scope, String canonicalRequestHash) {
    return appendTo(new StringBuilder(128), amzDate, scope, canonicalRequestHash).toString();
  }

  /** As {@link #of}, written into {@code b} (the verifier's reused buffer). */
  static StringBuilder appendTo(
      StringBuilder b, String amzDate, String scope, String canonicalRequestHash) {
    return b.append(ALGORITHM)
        .append('\n')
        .append(amzDate)
        .append('\n')
        .append(scope)
        .append('\n')
        .append(canonicalRequestHash);
  }
}
