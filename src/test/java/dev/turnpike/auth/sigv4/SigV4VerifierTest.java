package dev.turnpike.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every rejection path of {@link SigV4Verifier}, with AWS's exact status, type and message. */
class SigV4VerifierTest {

  static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
  static final String HOST = "abc123defg.execute-api.us-east-1.amazonaws.com";
  static final String SERVICE = "execute-api";
  static final String REGION = "us-east-1";
  static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";
  static final Credential USER =
      Credential.longTerm(
          "AKIAUSEREXAMPLE",
          "userSecretKey/EXAMPLE",
          "111122223333",
          "arn:aws:iam::111122223333:user/U");
  static final Credential TEMP =
      new Credential(
          "ASIATEMPEXAMPLE",
          "tempSecretKey/EXAMPLE",
          "111122223333",
          "arn:aws:sts::111122223333:assumed-role/r/s",
          TOKEN,
          NOW.plus(Duration.ofHours(1)));
  static final Credential EXPIRED =
      new Credential(
          "ASIAEXPIREDEXAMPLE",
          "expiredSecret",
          "111122223333",
          "arn:aws:sts::111122223333:assumed-role/r/old",
          TOKEN,
          NOW.minusSeconds(1));

  final SigV4Verifier verifier =
      new SigV4Verifier(
          Clock.fixed(NOW, ZoneOffset.UTC),
          SigV4Verifier.resolverOf(
              Map.of(
                  USER.accessKeyId(),
                  USER,
                  TEMP.accessKeyId(),
                  TEMP,
                  EXPIRED.accessKeyId(),
                  EXPIRED)));

  static SigV4Request unsigned(String method, String rawPath, String rawQuery, String body) {
    return new SigV4Request(
        method,
        rawPath,
        rawQuery,
        List.of(Map.entry("Host", HOST)),
        body.getBytes(StandardCharsets.UTF_8));
  }

  static SigV4Request signedBy(Credential credential, Instant at) {
    return SigV4Signer.of(credential)
        .sign(unsigned("GET", "/dev/pets", "", ""), REGION, SERVICE, at);
  }

  static SigV4Request withAuthorization(String authorization, String... extraHeaders) {
    SigV4Request base = unsigned("GET", "/dev/pets", "", "");
    List<Map.Entry<String, String>> added = new java.util.ArrayList<>();
    added.add(Map.entry("Authorization", authorization));
    for (int i = 0; i < extraHeaders.length; i += 2) {
      added.add(Map.entry(extraHeaders[i], extraHeaders[i + 1]));
    }
    return base.withHeaders(List.of(), added);
  }

  SigV4Error rejected(SigV4Request request) {
    SigV4Result result = verifier.verify(request, SERVICE);
    assertThat(result).isInstanceOf(SigV4Result.Rejected.class);
    SigV4Error error = ((SigV4Result.Rejected) result).error();
    assertThat(error.status()).isEqualTo(403);
    assertThat(error.message())
        .doesNotContain(USER.secretAccessKey(), TEMP.secretAccessKey(), TOKEN);
    return error;
  }

  // Happy path: a signature by a known key verifies and names the scope (spec §4.2).
  @Test
  void verify_validHeaderSignature_returnsVerified() {
    assertThat(verifier.verify(signedBy(USER, NOW), SERVICE))
        .isEqualTo(new SigV4Result.Verified(USER, REGION, SERVICE));
  }

  // Spec §4.3 row 1, case C53: unsigned request to an AWS_IAM method.
  @Test
  void verify_noSignature_returnsMissingAuthenticationToken() {
    SigV4Error error = rejected(unsigned("GET", "/dev/pets", "a=1", ""));

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "MissingAuthenticationTokenException",
                "Missing Authentication Token",
                SigV4Error.Reason.MISSING));
  }

  // Spec §4.3 row 2.
  @Test
  void verify_algorithmContainsEqualSign_returnsMustBeginWithAlgorithm() {
    SigV4Error error = rejected(withAuthorization("Credential=AKIAUSEREXAMPLE/20260101"));

    assertThat(error.errorType()).isEqualTo("IncompleteSignatureException");
    assertThat(error.message())
        .isEqualTo(
            "Authorization header must begin with the algorithm name, which cannot"
                + " include an equal-sign");
  }

  // Spec §4.3 row 3, case C54: element without '=', header value hashed with SHA-256, Base64.
  @Test
  void verify_bearerTokenWithoutEqualSign_returnsInvalidKeyValuePairWithHash() throws Exception {
    String header = "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig";
    String hash =
        Base64.getEncoder()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(header.getBytes(StandardCharsets.UTF_8)));

    SigV4Error error = rejected(withAuthorization(header));

    assertThat(error.errorType()).isEqualTo("IncompleteSignatureException");
    assertThat(error.message())
        .isEqualTo(
            "Invalid key=value pair (missing equal-sign) in Authorization header (hashed"
                + " with SHA-256 and encoded with Base64): '"
                + hash
                + "'.");
  }

  // Spec §4.3 row 4, case C55 (recorded): every missing part, then the header echoed.
  @Test
  void verify_bareBearer_returnsEveryMissingPartAndEchoesHeader() {
    SigV4Error error = rejected(withAuthorization("Bearer"));

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "IncompleteSignatureException",
                "Authorization header requires 'Credential' parameter. Authorization header"
                    + " requires 'Signature' parameter. Authorization header requires"
                    + " 'SignedHeaders' parameter. Authorization header requires existence of"
                    + " either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer",
                SigV4Error.Reason.MALFORMED));
  }

  // Spec §4.3 row 4: only the missing parts are listed.
  @Test
  void verify_missingSignatureOnly_listsOnlySignature() {
    String header =
        "AWS4-HMAC-SHA256 Credential=AKIAUSEREXAMPLE/20260101/us-east-1/execute-api/"
            + "aws4_request, SignedHeaders=host;x-amz-date";

    SigV4Error error = rejected(withAuthorization(header, "X-Amz-Date", "20260101T120000Z"));

    assertThat(error.message())
        .isEqualTo("Authorization header requires 'Signature' parameter. Authorization=" + header);
  }

  // Spec §4.3 row 5.
  @Test
  void verify_unsupportedAlgorithm_returnsUnsupportedAlgorithm() {
    String header = signedBy(USER, NOW).header("Authorization").replace("AWS4-", "AWS5-");

    SigV4Error error = rejected(withAuthorization(header, "X-Amz-Date", "20260101T120000Z"));

    assertThat(error.errorType()).isEqualTo("IncompleteSignatureException");
    assertThat(error.message()).isEqualTo("Unsupported AWS 'algorithm': 'AWS5-HMAC-SHA256'.");
  }

  // Spec §4.3 row 6.
  @Test
  void verify_hostNotSigned_returnsHostMustBeSignedHeader() {
    String header =
        signedBy(USER, NOW)
            .header("Authorization")
            .replace("SignedHeaders=host;x-amz-date", "SignedHeaders=x-amz-date");

    SigV4Error error = rejected(withAuthorization(header, "X-Amz-Date", "20260101T120000Z"));

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "InvalidSignatureException",
                "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
                SigV4Error.Reason.MALFORMED));
  }

  // Spec §4.3 row 7.
  @Test
  void verify_unparsableDate_returnsIso8601BasicFormatMessage() {
    String header = signedBy(USER, NOW).header("Authorization");

    SigV4Error error = rejected(withAuthorization(header, "X-Amz-Date", "2026-01-01T12:00:00Z"));

    assertThat(error.errorType()).isEqualTo("IncompleteSignatureException");
    assertThat(error.message())
        .isEqualTo(
            "Date must be in ISO-8601 'basic format'. Got '2026-01-01T12:00:00Z'. See"
                + " http://en.wikipedia.org/wiki/ISO_8601");
  }

  // Spec §4.3 row 8, case C58 (recorded wording), 5-minute window on execute-api.
  @Test
  void verify_dateOlderThanFiveMinutes_returnsSignatureExpired() {
    SigV4Error error = rejected(signedBy(USER, NOW.minus(Duration.ofMinutes(10))));

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "InvalidSignatureException",
                "Signature expired: 20260101T115000Z is now earlier than 20260101T115500Z"
                    + " (20260101T120000Z - 5 min.)",
                SigV4Error.Reason.EXPIRED));
  }

  // Spec §4.3 row 8: the window is inclusive at exactly five minutes.
  @Test
  void verify_dateExactlyFiveMinutesOld_returnsVerified() {
    assertThat(verifier.verify(signedBy(USER, NOW.minus(Duration.ofMinutes(5))), SERVICE))
        .isInstanceOf(SigV4Result.Verified.class);
  }

  // Spec §4.3 row 9 (IAM docs signature-v4-troubleshooting).
  @Test
  void verify_dateMoreThanFiveMinutesAhead_returnsSignatureNotYetCurrent() {
    SigV4Error error = rejected(signedBy(USER, NOW.plus(Duration.ofMinutes(6))));

    assertThat(error.message())
        .isEqualTo(
            "Signature not yet current: 20260101T120600Z is still later than"
                + " 20260101T120500Z (20260101T120000Z + 5 min.)");
  }

  // Spec §4.3 row 10.
  @Test
  void verify_credentialWithFourParts_returnsFiveElementsMessage() {
    String header =
        signedBy(USER, NOW)
            .header("Authorization")
            .replace("/execute-api/aws4_request", "/execute-api");

    SigV4Error error = rejected(withAuthorization(header, "X-Amz-Date", "20260101T120000Z"));

    assertThat(error.errorType()).isEqualTo("IncompleteSignatureException");
    assertThat(error.message())
        .isEqualTo(
            "Credential must have exactly 5 slash-delimited elements, e.g."
                + " keyid/date/region/service/term, got"
                + " 'AKIAUSEREXAMPLE/20260101/us-east-1/execute-api'");
  }

  // Spec §4.3 row 11: signed for another service (awscli plugin reports show this text).
  @Test
  void verify_wrongServiceInScope_returnsScopedToCorrectService() {
    SigV4Request request =
        SigV4Signer.of(USER).sign(unsigned("GET", "/dev/pets", "", ""), REGION, "apigateway", NOW);

    SigV4Error error = rejected(request);

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "InvalidSignatureException",
                "Credential should be scoped to correct service: 'execute-api'.",
                SigV4Error.Reason.MALFORMED));
  }

  // Spec §4.3 row 11: region must be the gateway's own when one is configured.
  @Test
  void verify_wrongRegionWhenRegionExpected_returnsScopedToValidRegion() {
    SigV4Request request =
        SigV4Signer.of(USER).sign(unsigned("GET", "/dev/pets", "", ""), "eu-west-1", SERVICE, NOW);

    SigV4Result result = verifier.verify(request, SERVICE, REGION);

    assertThat(result)
        .isEqualTo(
            new SigV4Result.Rejected(
                new SigV4Error(
                    403,
                    "InvalidSignatureException",
                    "Credential should be scoped to a valid region, not 'eu-west-1'.",
                    SigV4Error.Reason.MALFORMED)));
  }

  // Spec §4.3 row 11: all scope sentences, in AWS's order, one space apart.
  @Test
  void verify_everyScopeFieldWrong_concatenatesSentencesInAwsOrder() {
    String header =
        "AWS4-HMAC-SHA256 Credential=AKIAUSEREXAMPLE/b/C/d/e, SignedHeaders=host;"
            + "x-amz-date, Signature=00";

    SigV4Error error = rejected(withAuthorization(header, "X-Amz-Date", "20260101T120000Z"));

    assertThat(error.message())
        .isEqualTo(
            "Credential should be scoped to a valid region, not 'C'. Credential should be scoped to"
                + " correct service: 'execute-api'. Credential should be scoped with a valid"
                + " terminator: 'aws4_request', not 'e'. Date in Credential scope does not match"
                + " YYYYMMDD from ISO-8601 version of date from HTTP: 'b' != '20260101', from"
                + " '20260101T120000Z'.");
  }

  // Spec §4.3 row 12, case C59 (recorded body).
  @Test
  void verify_unknownAccessKey_returnsUnrecognizedClient() {
    Credential stranger = Credential.longTerm("AKIAUNKNOWN", "x", "1", "arn:aws:iam::1:user/x");

    SigV4Error error = rejected(signedBy(stranger, NOW));

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "UnrecognizedClientException",
                "The security token included in the request is invalid.",
                SigV4Error.Reason.UNKNOWN_KEY));
  }

  // Spec §4.3 row 12, §4.5: a temporary key must present its own session token.
  @Test
  void verify_temporaryKeyWithoutToken_returnsInvalidToken() {
    SigV4Request request =
        new SigV4Signer(TEMP.accessKeyId(), TEMP.secretAccessKey(), null)
            .sign(unsigned("GET", "/dev/pets", "", ""), REGION, SERVICE, NOW);

    assertThat(rejected(request).errorType()).isEqualTo("UnrecognizedClientException");
  }

  // Spec §4.3 row 12.
  @Test
  void verify_temporaryKeyWithAnotherToken_returnsInvalidToken() {
    SigV4Request request =
        new SigV4Signer(TEMP.accessKeyId(), TEMP.secretAccessKey(), TOKEN + "-other")
            .sign(unsigned("GET", "/dev/pets", "", ""), REGION, SERVICE, NOW);

    assertThat(rejected(request).message())
        .isEqualTo("The security token included in the request is invalid.");
  }

  // Spec §4.3 row 12: a long-term key sent with a session token.
  @Test
  void verify_longTermKeyWithToken_returnsInvalidToken() {
    SigV4Request request =
        new SigV4Signer(USER.accessKeyId(), USER.secretAccessKey(), TOKEN)
            .sign(unsigned("GET", "/dev/pets", "", ""), REGION, SERVICE, NOW);

    assertThat(rejected(request).errorType()).isEqualTo("UnrecognizedClientException");
  }

  // Spec §4.3 row 13 (EXPIRED_TOKEN gateway response).
  @Test
  void verify_expiredTemporaryKey_returnsExpiredToken() {
    SigV4Error error = rejected(signedBy(EXPIRED, NOW));

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "ExpiredTokenException",
                "The security token included in the request is expired",
                SigV4Error.Reason.TOKEN_EXPIRED));
  }

  // Spec §4.3 row 12-13: a valid temporary key verifies.
  @Test
  void verify_temporaryKeyWithItsToken_returnsVerified() {
    assertThat(verifier.verify(signedBy(TEMP, NOW), SERVICE))
        .isEqualTo(new SigV4Result.Verified(TEMP, REGION, SERVICE));
  }

  // Spec §4.4 (recorded body), case C57: full canonical string and string to sign.
  @Test
  void verify_wrongSecret_returnsMismatchWithCanonicalStringAndStringToSign() throws Exception {
    Credential wrong = Credential.longTerm(USER.accessKeyId(), "not-the-secret", "1", "arn");
    String canonical =
        "GET\n/dev/pets\n\nhost:"
            + HOST
            + "\nx-amz-date:20260101T120000Z\n\n"
            + "host;x-amz-date\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    String stringToSign =
        "AWS4-HMAC-SHA256\n20260101T120000Z\n20260101/us-east-1/execute-api/"
            + "aws4_request\n"
            + sha256Hex(canonical);

    SigV4Error error = rejected(signedBy(wrong, NOW));

    assertThat(error)
        .isEqualTo(
            new SigV4Error(
                403,
                "InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided."
                    + " Check your AWS Secret Access Key and signing method. Consult the service"
                    + " documentation for details.\n\nThe Canonical String for this request should"
                    + " have been\n'"
                    + canonical
                    + "'\n\nThe String-to-Sign should have been\n'"
                    + stringToSign
                    + "'\n",
                SigV4Error.Reason.MISMATCH));
  }

  // Spec §4.4 note: AWS echoes the session token in the canonical string; Turnpike never does.
  @Test
  void verify_mismatchWithSessionToken_redactsTokenInCanonicalString() {
    SigV4Request tampered = signedBy(TEMP, NOW).withRawQuery("extra=1");

    SigV4Error error = rejected(tampered);

    assertThat(error.message())
        .contains("\nx-amz-security-token:<redacted>\n")
        .doesNotContain(TOKEN);
  }

  // Tamper: a signed header changed in flight (KC-403 "signature mismatch").
  @Test
  void verify_signedHeaderChanged_returnsSignatureMismatch() {
    SigV4Request signed =
        SigV4Signer.of(USER)
            .sign(
                unsigned("GET", "/dev/pets", "", "")
                    .withHeaders(List.of(), List.of(Map.entry("X-Tenant", "a"))),
                REGION,
                SERVICE,
                NOW);
    SigV4Request tampered =
        signed.withHeaders(List.of("X-Tenant"), List.of(Map.entry("X-Tenant", "b")));

    assertThat(rejected(tampered).message())
        .startsWith("The request signature we calculated does not match")
        .contains("\nx-tenant:b\n");
  }

  // Tamper: the body changed after signing.
  @Test
  void verify_bodyChanged_returnsSignatureMismatch() {
    SigV4Request signed =
        SigV4Signer.of(USER)
            .sign(unsigned("POST", "/dev/pets", "", "{\"n\":1}"), REGION, SERVICE, NOW);
    SigV4Request tampered =
        new SigV4Request(
            signed.method(),
            signed.rawPath(),
            signed.rawQuery(),
            signed.headers(),
            "{\"n\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(rejected(tampered).errorType()).isEqualTo("InvalidSignatureException");
  }

  // Tamper: the path changed after signing.
  @Test
  void verify_pathChanged_returnsSignatureMismatch() {
    SigV4Request signed = signedBy(USER, NOW);
    SigV4Request tampered =
        new SigV4Request(
            signed.method(), "/dev/admin", signed.rawQuery(), signed.headers(), signed.body());

    assertThat(rejected(tampered).message()).contains("'GET\n/dev/admin\n");
  }

  // Tamper: an x-amz-content-sha256 that does not hash the body is not trusted.
  @Test
  void verify_contentSha256NotMatchingBody_returnsContentSha256Mismatch() {
    SigV4Request request =
        SigV4Signer.of(USER)
            .sign(
                unsigned("POST", "/dev/pets", "", "real body")
                    .withHeaders(
                        List.of(),
                        List.of(Map.entry("X-Amz-Content-Sha256", sha256Hex("other body")))),
                REGION,
                SERVICE,
                NOW);

    assertThat(rejected(request).message())
        .isEqualTo("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  // botocore auth.py: UNSIGNED-PAYLOAD replaces the body hash (spec §4.2).
  @Test
  void verify_unsignedPayload_returnsVerified() {
    SigV4Request request =
        SigV4Signer.of(USER)
            .withUnsignedPayload()
            .sign(unsigned("PUT", "/dev/blob", "", "anything"), REGION, SERVICE, NOW);

    assertThat(verifier.verify(request, SERVICE)).isInstanceOf(SigV4Result.Verified.class);
  }

  // Spec §4.1: the time may come from the Date header instead of X-Amz-Date.
  @Test
  void verify_dateHeaderInsteadOfXAmzDate_returnsVerified() {
    SigV4Request request =
        unsigned("GET", "/dev/pets", "", "")
            .withHeaders(List.of(), List.of(Map.entry("Date", "Thu, 01 Jan 2026 12:00:00 GMT")));
    // The signer always sends X-Amz-Date, so sign over date;host by hand.
    CanonicalRequest canonical = CanonicalRequest.of(request, List.of("date", "host"), true);
    String sts =
        StringToSign.of(
            "20260101T120000Z", "20260101/us-east-1/execute-api/aws4_request", canonical.hash());
    String signature =
        SigningKey.sign(
            SigningKey.derive(USER.secretAccessKey(), "20260101", REGION, SERVICE), sts);
    SigV4Request signed =
        request.withHeaders(
            List.of(),
            List.of(
                Map.entry(
                    "Authorization",
                    "AWS4-HMAC-SHA256"
                        + " Credential=AKIAUSEREXAMPLE/20260101/us-east-1/execute-api/aws4_request,"
                        + " SignedHeaders=date;host, Signature="
                        + signature)));

    assertThat(verifier.verify(signed, SERVICE)).isInstanceOf(SigV4Result.Verified.class);
  }

  // Never print a secret: credentials and signers mask theirs.
  @Test
  void toString_credentialAndSigner_maskSecretAndToken() {
    assertThat(TEMP.toString()).doesNotContain(TEMP.secretAccessKey(), TOKEN).contains("****");
    assertThat(SigV4Signer.of(TEMP).toString()).doesNotContain(TEMP.secretAccessKey(), TOKEN);
    assertThat(signedBy(TEMP, NOW).toString()).doesNotContain(TOKEN);
  }

  static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
