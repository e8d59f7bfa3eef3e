package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An AWS error: HTTP status, {@code x-amzn-ErrorType} value, and message text exactly as AWS words
 * it (spec/aws-behavior.md §4.3, §4.4). The static factories are the catalog of every SigV4
 * refusal; the verifier builds errors only through them.
 *
 * <p>Messages never contain a secret access key or a session token.
 *
 * @param status the HTTP status, 403 for every SigV4 refusal on execute-api
 * @param errorType the {@code x-amzn-ErrorType} header value
 * @param message the text of the {@code message} field of the JSON body
 * @param reason which check refused, so callers (the decision record, the Query protocol's error
 *     codes) tell the refusals apart by a constant instead of by the wording of the message
 */
public record SigV4Error(int status, String errorType, String message, Reason reason) {

  public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
  public static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";
  public static final String INVALID_SIGNATURE = "InvalidSignatureException";
  public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";
  public static final String EXPIRED_TOKEN = "ExpiredTokenException";

  private static final int FORBIDDEN = 403;

  public SigV4Error {
    requireNonNull(errorType, "errorType");
    requireNonNull(message, "message");
    requireNonNull(reason, "reason");
  }

  /**
   * Which check refused: several share an error type ({@code InvalidSignatureException} covers
   * four).
   */
  public enum Reason {
    /** Neither an Authorization header nor a presigned query. */
    MISSING,
    /**
     * The header or query is malformed: parts, algorithm, date format, scope, unsigned Host, body
     * hash.
     */
    MALFORMED,
    /** The signature does not match the one computed from the request. */
    MISMATCH,
    /** The request time is outside the 5-minute window, or a presigned URL has expired. */
    EXPIRED,
    /** The temporary credentials' session has expired. */
    TOKEN_EXPIRED,
    /** Unknown access key id, or a session token that does not belong to it. */
    UNKNOWN_KEY
  }

  /** §4.3 row 1: no Authorization header and no X-Amz-Algorithm query parameter. */
  public static SigV4Error missingAuthenticationToken() {
    return new SigV4Error(
        FORBIDDEN, MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token", Reason.MISSING);
  }

  /** §4.3 row 2: the first token of the Authorization header holds an equal sign. */
  static SigV4Error algorithmHasEqualSign() {
    return incomplete(
        "Authorization header must begin with the algorithm name, which cannot include an"
            + " equal-sign");
  }

  /** §4.3 row 3: an element after the algorithm has no equal sign. */
  static SigV4Error missingEqualSign(String headerSha256Base64) {
    return incomplete(
        "Invalid key=value pair (missing equal-sign) in Authorization header (hashed with SHA-256"
            + " and encoded with Base64): '"
            + headerSha256Base64
            + "'.");
  }

  /** §4.3 row 4: each missing part adds a sentence, then the header value is echoed. */
  static SigV4Error missingAuthorizationParts(List<String> sentences, String header) {
    return incomplete(String.join(" ", sentences) + " Authorization=" + header);
  }

  /** §4.3 row 5. */
  static SigV4Error unsupportedAlgorithm(String algorithm) {
    return incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'.");
  }

  /** §4.3 row 6. */
  static SigV4Error hostNotSigned() {
    return invalid("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  /** §4.3 row 7. */
  static SigV4Error badDate(String value) {
    return incomplete(
        "Date must be in ISO-8601 'basic format'. Got '"
            + value
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }

  /** §4.3 row 8; all three times in {@code YYYYMMDDTHHMMSSZ}. */
  static SigV4Error signatureExpired(String requestTime, String earliest, String now) {
    return expired(
        "Signature expired: "
            + requestTime
            + " is now earlier than "
            + earliest
            + " ("
            + now
            + " - 5 min.)");
  }

  /** §4.3 row 9. */
  static SigV4Error signatureNotYetCurrent(String requestTime, String latest, String now) {
    return expired(
        "Signature not yet current: "
            + requestTime
            + " is still later than "
            + latest
            + " ("
            + now
            + " + 5 min.)");
  }

  /** §4.3 row 10. */
  static SigV4Error credentialNotFiveParts(String credential) {
    return incomplete(
        "Credential must have exactly 5 slash-delimited elements, e.g."
            + " keyid/date/region/service/term, got '"
            + credential
            + "'");
  }

  /** §4.3 row 11: the scope sentences, already in AWS's order. */
  static SigV4Error badScope(List<String> sentences) {
    return invalid(String.join(" ", sentences));
  }

  /** §4.3 row 12: unknown access key id, or a session token that does not belong to it. */
  static SigV4Error invalidToken() {
    return new SigV4Error(
        FORBIDDEN,
        UNRECOGNIZED_CLIENT,
        "The security token included in the request is invalid.",
        Reason.UNKNOWN_KEY);
  }

  /** §4.3 row 13. */
  static SigV4Error expiredToken() {
    return new SigV4Error(
        FORBIDDEN,
        EXPIRED_TOKEN,
        "The security token included in the request is expired",
        Reason.TOKEN_EXPIRED);
  }

  /** §4.4: the full mismatch body with the canonical string and the string to sign. */
  static SigV4Error signatureMismatch(String canonicalRequest, String stringToSign) {
    return new SigV4Error(
        FORBIDDEN,
        INVALID_SIGNATURE,
        "The request signature we calculated does not match the signature you provided. Check"
            + " your AWS Secret Access Key and signing method. Consult the service documentation"
            + " for details.\n\nThe Canonical String for this request should have been\n'"
            + canonicalRequest
            + "'\n\nThe String-to-Sign should have been\n'"
            + stringToSign
            + "'\n",
        Reason.MISMATCH);
  }

  /** §4.3 row 15 [UNCONF]: a presigned URL used after X-Amz-Date + X-Amz-Expires (S3 wording). */
  static SigV4Error requestExpired() {
    return expired("Request has expired");
  }

  /** §4.3 row 16: each missing query parameter adds a sentence. */
  static SigV4Error missingQueryParameters(List<String> names) {
    StringBuilder b = new StringBuilder();
    for (String name : names) {
      b.append("AWS query-string parameters must include '").append(name).append("'. ");
    }
    return incomplete(b.append("Re-examine the query-string parameters.").toString());
  }

  /** X-Amz-Expires that is not a number of seconds in [1, 604800] (S3 wording, [UNCONF]). */
  static SigV4Error badExpires(String value) {
    return incomplete(
        "X-Amz-Expires must be a number of seconds between 1 and 604800, got '" + value + "'.");
  }

  /** An x-amz-content-sha256 header that does not hash the body (S3 wording, [UNCONF]). */
  static SigV4Error contentSha256Mismatch() {
    return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  private static SigV4Error incomplete(String message) {
    return new SigV4Error(FORBIDDEN, INCOMPLETE_SIGNATURE, message, Reason.MALFORMED);
  }

  private static SigV4Error invalid(String message) {
    return new SigV4Error(FORBIDDEN, INVALID_SIGNATURE, message, Reason.MALFORMED);
  }

  private static SigV4Error expired(String message) {
    return new SigV4Error(FORBIDDEN, INVALID_SIGNATURE, message, Reason.EXPIRED);
  }
}
