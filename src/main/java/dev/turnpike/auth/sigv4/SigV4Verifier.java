package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Verifies AWS Signature Version 4 on a received request, answering with AWS's own error texts.
 *
 * <h2>Implementation notes</h2>
 *
 * <p>What AWS does
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html): the
 * client builds a canonical request (method, canonical URI, canonical query, signed headers and
 * their values, payload hash), hashes it into a string to sign together with the request time and
 * the credential scope {@code date/region/service/aws4_request}, and signs that with a key derived
 * from the secret by an HMAC chain over the scope. The server rebuilds the same two strings from
 * what it received and compares signatures. The signature may travel in the {@code Authorization}
 * header or in presigned {@code X-Amz-*} query parameters.
 *
 * <p>The checks run in the order of spec/aws-behavior.md §4.3, each failure ending verification:
 * missing token (1) → header/query structure (2–4, 16) → algorithm (5) → host signed (6) → date
 * syntax (7) → clock skew of 5 minutes, or presigned expiry (8, 9, 15) → credential shape (10) →
 * scope (11) → access key and session token (12) → token expiry (13) → signature (14). Signatures
 * are compared in constant time.
 *
 * <p>Deviations, each because the AWS behaviour is unknown or unsafe to copy:
 *
 * <ul>
 *   <li>The mismatch body echoes the canonical string as AWS does, but with any session-token value
 *       replaced by {@code <redacted>}; AWS echoes it verbatim (§4.4), we never print tokens.
 *   <li>The canonical query is built as the AWS docs say (decode, re-encode per RFC 3986, sort); if
 *       that does not match, the client's own encoding is tried, which is what botocore signs when
 *       given a URL. Both forms are derived from the same bytes, so this widens nothing.
 *   <li>An Authorization header wins over presigned query parameters when both are present
 *       [UNCONF].
 *   <li>Presigned URLs: when {@code X-Amz-Expires} is present the request is valid from its date
 *       until date + expires ("Request has expired" afterwards, S3's wording) instead of the
 *       5-minute window [UNCONF on execute-api].
 *   <li>An {@code x-amz-content-sha256} header other than {@code UNSIGNED-PAYLOAD} must hash the
 *       body, otherwise the signature would not cover the payload (S3's wording) [UNCONF].
 * </ul>
 */
public final class SigV4Verifier {

  static final Duration MAX_SKEW = Duration.ofMinutes(5);
  private static final int MAX_EXPIRES_SECONDS = 604_800;
  private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  private final Clock clock;
  private final CredentialResolver resolver;

  public SigV4Verifier(Clock clock, CredentialResolver resolver) {
    this.clock = requireNonNull(clock, "clock");
    this.resolver = requireNonNull(resolver, "resolver");
  }

  /**
   * True when the request carries any SigV4 material (Authorization header or
   * X-Amz-Algorithm/X-Amz-Credential query).
   */
  public static boolean hasSignature(SigV4Request request) {
    return hasSignature(request, QueryParameters.parse(request.rawQuery()));
  }

  private static boolean hasSignature(SigV4Request request, QueryParameters params) {
    if (request.header("Authorization") != null) {
      return true;
    }
    if (request.rawQuery().isEmpty()) {
      return false;
    }
    return params.contains(SignatureMaterial.X_AMZ_ALGORITHM)
        || params.contains(SignatureMaterial.X_AMZ_CREDENTIAL);
  }

  /**
   * The structural error of an {@code Authorization} header (spec 4.3 rows 2–5), or null when there
   * is no header or it parses. API Gateway reports these even when no route matches (case C56).
   */
  public static @Nullable SigV4Error headerError(SigV4Request request) {
    String authorization = request.header("Authorization");
    if (authorization == null) {
      return null;
    }
    try {
      SignatureMaterial m = SignatureMaterial.fromHeader(request, authorization);
      return StringToSign.ALGORITHM.equals(m.algorithm())
          ? null
          : SigV4Error.unsupportedAlgorithm(m.algorithm());
    } catch (SigV4Exception e) {
      return e.error();
    }
  }

  /**
   * The credential scope {@code request} claims ({@code
   * Credential=AKID/date/region/service/aws4_request} in its Authorization header, or its {@code
   * X-Amz-Credential}), read by the verifier's own parser, or null when it has none that parses.
   * Nothing is verified: a front door that serves several services picks one by it, then verifies.
   */
  public static @Nullable CredentialScope claimedScope(SigV4Request request) {
    QueryParameters params = QueryParameters.parse(request.rawQuery());
    if (!hasSignature(request, params)) {
      return null;
    }
    String authorization = request.header("Authorization");
    try {
      SignatureMaterial m =
          authorization != null
              ? SignatureMaterial.fromHeader(request, authorization)
              : SignatureMaterial.fromQuery(request, params);
      return CredentialScope.parse(m.credential());
    } catch (SigV4Exception e) {
      return null;
    }
  }

  /** A resolver over a fixed map, for tests and tools. */
  public static CredentialResolver resolverOf(Map<String, Credential> credentials) {
    Map<String, Credential> copy = Map.copyOf(credentials);
    return copy::get;
  }

  /**
   * Verifies {@code request} for {@code expectedService} ({@code "execute-api"}, {@code
   * "apigateway"}, {@code "iam"}, {@code "sts"}), accepting any well-formed region. The canonical
   * URI is encoded twice for every service except {@code s3}.
   */
  public SigV4Result verify(SigV4Request request, String expectedService) {
    return verify(request, expectedService, null);
  }

  /**
   * As {@link #verify(SigV4Request, String)}, also requiring the scope to name {@code
   * expectedRegion}.
   */
  public SigV4Result verify(
      SigV4Request request, String expectedService, @Nullable String expectedRegion) {
    requireNonNull(request, "request");
    requireNonNull(expectedService, "expectedService");
    try {
      return check(request, expectedService, expectedRegion);
    } catch (SigV4Exception e) {
      return new SigV4Result.Rejected(e.error());
    }
  }

  private SigV4Result check(SigV4Request request, String service, @Nullable String region) {
    // Parsed once for every use below: a presigned query was split three or four times per request
    // before, the
    // largest share of the S5 (presigned GET) garbage.
    QueryParameters params = QueryParameters.parse(request.rawQuery());
    if (!hasSignature(request, params)) {
      throw fail(SigV4Error.missingAuthenticationToken());
    }
    String authorization = request.header("Authorization");
    SignatureMaterial m =
        authorization != null
            ? SignatureMaterial.fromHeader(request, authorization)
            : SignatureMaterial.fromQuery(request, params);
    if (!StringToSign.ALGORITHM.equals(m.algorithm())) {
      throw fail(SigV4Error.unsupportedAlgorithm(m.algorithm()));
    }
    if (!m.signsHeader("host") && !m.signsHeader(":authority")) {
      throw fail(SigV4Error.hostNotSigned());
    }
    Instant time = AmzDate.parse(m.date(), m.dateHeader());
    if (time == null) {
      throw fail(SigV4Error.badDate(m.date()));
    }
    Instant now = clock.instant();
    checkTime(time, now, m);
    String amzDate = AmzDate.basicText(m.date().trim(), time);
    CredentialScope scope = CredentialScope.parse(m.credential());
    scope.check(service, region, amzDate);
    Credential credential = resolver.resolve(scope.accessKeyId());
    if (credential == null || !tokenMatches(credential.sessionToken(), m.securityToken())) {
      throw fail(SigV4Error.invalidToken());
    }
    Instant expiration = credential.expiration();
    if (expiration != null && !now.isBefore(expiration)) {
      throw fail(SigV4Error.expiredToken());
    }
    checkSignature(request, params, m, scope, amzDate, credential, !"s3".equals(service));
    return new SigV4Result.Verified(credential, scope.region(), scope.service());
  }

  private static void checkTime(Instant time, Instant now, SignatureMaterial m) {
    // The times are formatted only for the error messages, so only when one is thrown.
    if (time.isAfter(now.plus(MAX_SKEW))) {
      throw fail(
          SigV4Error.signatureNotYetCurrent(
              AmzDate.format(time), AmzDate.format(now.plus(MAX_SKEW)), AmzDate.format(now)));
    }
    String expires = m.expires();
    if (m.presigned() && expires != null) {
      long seconds = parseExpires(expires);
      if (now.isAfter(time.plusSeconds(seconds))) {
        throw fail(SigV4Error.requestExpired());
      }
      return;
    }
    if (time.isBefore(now.minus(MAX_SKEW))) {
      throw fail(
          SigV4Error.signatureExpired(
              AmzDate.format(time), AmzDate.format(now.minus(MAX_SKEW)), AmzDate.format(now)));
    }
  }

  private static long parseExpires(String expires) {
    try {
      long seconds = Long.parseLong(expires);
      if (seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw fail(SigV4Error.badExpires(expires));
  }

  private static boolean tokenMatches(@Nullable String expected, @Nullable String presented) {
    if (expected == null || presented == null) {
      return expected == null && presented == null;
    }
    return Crypto.constantTimeEquals(expected, presented);
  }

  private static void checkSignature(
      SigV4Request request,
      QueryParameters params,
      SignatureMaterial m,
      CredentialScope scope,
      String amzDate,
      Credential credential,
      boolean encodeTwice) {
    byte[] key =
        SigningKey.derive(
            credential.secretAccessKey(), scope.date(), scope.region(), scope.service());
    String excluded = m.presigned() ? SignatureMaterial.X_AMZ_SIGNATURE : null;
    CanonicalRequest canonical =
        CanonicalRequest.of(request, params, m.signedHeaders(), encodeTwice, true, excluded);
    String scopeText = scope.scope();
    // The string to sign is built in the thread's scratch buffer and MACed from there; Strings of
    // it (and of the
    // canonical request) are made only for the mismatch message below.
    String canonicalHash = canonical.hash();
    boolean matches =
        Crypto.hmacHexMatches(
            key,
            StringToSign.appendTo(Crypto.text(), amzDate, scopeText, canonicalHash),
            m.signature());
    if (!matches && !request.rawQuery().isEmpty()) {
      CanonicalRequest verbatim =
          CanonicalRequest.of(request, params, m.signedHeaders(), encodeTwice, false, excluded);
      String verbatimHash =
          verbatim.hash(); // before Crypto.text(): hash() renders into the same buffer
      matches =
          Crypto.hmacHexMatches(
              key,
              StringToSign.appendTo(Crypto.text(), amzDate, scopeText, verbatimHash),
              m.signature());
    }
    if (!matches) {
      throw fail(
          SigV4Error.signatureMismatch(
              canonical.redactedText(), StringToSign.of(amzDate, scopeText, canonicalHash)));
    }
    String declared = canonical.payloadHashValue();
    if (request.header("x-amz-content-sha256") != null
        && !UNSIGNED_PAYLOAD.equals(declared)
        && !declared.equalsIgnoreCase(Crypto.sha256Hex(request.body()))) {
      throw fail(SigV4Error.contentSha256Mismatch());
    }
  }

  private static SigV4Exception fail(SigV4Error error) {
    return new SigV4Exception(error);
  }

  @Override
  public String toString() {
    return "SigV4Verifier[clock=" + clock + ", resolver=" + resolver.getClass().getName() + ']';
  }
}
