package dev.turnpike.auth.sigv4;

import static dev.turnpike.auth.sigv4.SigV4VerifierTest.NOW;
import static dev.turnpike.auth.sigv4.SigV4VerifierTest.REGION;
import static dev.turnpike.auth.sigv4.SigV4VerifierTest.SERVICE;
import static dev.turnpike.auth.sigv4.SigV4VerifierTest.TEMP;
import static dev.turnpike.auth.sigv4.SigV4VerifierTest.USER;
import static dev.turnpike.auth.sigv4.SigV4VerifierTest.unsigned;
import static dev.turnpike.auth.sigv4.SigV4VerifierTest.withAuthorization;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The presigned (query-string) form of SigV4, and detection of SigV4 material. */
class PresignedQueryTest {

  private final SigV4VerifierTest verifierTest = new SigV4VerifierTest();

  // Spec §4.3 row 16: presigned query missing parameters, each named.
  @Test
  void verify_presignedWithoutSignatureAndDate_namesMissingQueryParameters() {
    SigV4Request request =
        unsigned(
            "GET",
            "/dev/pets",
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAUSEREXAMPLE%2F20260101%2Fus-east-1"
                + "%2Fexecute-api%2Faws4_request&X-Amz-SignedHeaders=host",
            "");

    assertThat(verifierTest.rejected(request))
        .isEqualTo(
            new SigV4Error(
                403,
                "IncompleteSignatureException",
                "AWS query-string parameters must include 'X-Amz-Signature'. AWS query-string"
                    + " parameters must include 'X-Amz-Date'. Re-examine the query-string"
                    + " parameters.",
                SigV4Error.Reason.MALFORMED));
  }

  // botocore SigV4QueryAuth: a presigned URL verifies until X-Amz-Date + X-Amz-Expires.
  @Test
  void verify_presignedWithinExpires_returnsVerified() {
    SigV4Request request =
        SigV4Signer.of(TEMP)
            .presign(
                unsigned("GET", "/dev/pets", "a=1", ""),
                REGION,
                SERVICE,
                NOW.minus(Duration.ofMinutes(30)),
                Duration.ofHours(1));

    assertThat(verifierTest.verifier.verify(request, SERVICE))
        .isEqualTo(new SigV4Result.Verified(TEMP, REGION, SERVICE));
  }

  // Spec §4.3 row 15 [UNCONF]: S3's wording for an expired presigned URL.
  @Test
  void verify_presignedPastExpires_returnsRequestHasExpired() {
    SigV4Request request =
        SigV4Signer.of(USER)
            .presign(
                unsigned("GET", "/dev/pets", "", ""),
                REGION,
                SERVICE,
                NOW.minus(Duration.ofMinutes(6)),
                Duration.ofMinutes(5));

    assertThat(verifierTest.rejected(request))
        .isEqualTo(
            new SigV4Error(
                403,
                "InvalidSignatureException",
                "Request has expired",
                SigV4Error.Reason.EXPIRED));
  }

  // S3 presigned limit: X-Amz-Expires at most 604800 seconds (7 days).
  @Test
  void verify_presignedExpiresAboveSevenDays_returnsIncompleteSignature() {
    SigV4Request request =
        SigV4Signer.of(USER)
            .presign(
                unsigned("GET", "/dev/pets", "", ""), REGION, SERVICE, NOW, Duration.ofDays(8));

    assertThat(verifierTest.rejected(request).message())
        .isEqualTo("X-Amz-Expires must be a number of seconds between 1 and 604800, got '691200'.");
  }

  // Tamper: a presigned URL's query changed after signing.
  @Test
  void verify_presignedQueryChanged_returnsSignatureMismatch() {
    SigV4Request request =
        SigV4Signer.of(USER)
            .presign(
                unsigned("GET", "/dev/pets", "a=1", ""),
                REGION,
                SERVICE,
                NOW,
                Duration.ofMinutes(5));
    SigV4Request tampered = request.withRawQuery(request.rawQuery().replace("a=1", "a=2"));

    assertThat(verifierTest.rejected(tampered).message())
        .contains("&X-Amz-SignedHeaders=host&a=2\n"); // sorted by encoded name: 'X' < 'a'
  }

  // hasSignature decides whether an unmatched route reports a SigV4 error (spec §4.3, C56).
  @Test
  void hasSignature_headerOrPresignedQuery_returnsTrueOtherwiseFalse() {
    assertThat(SigV4Verifier.hasSignature(withAuthorization("Bearer"))).isTrue();
    assertThat(SigV4Verifier.hasSignature(unsigned("GET", "/", "X-Amz-Algorithm=x", ""))).isTrue();
    assertThat(SigV4Verifier.hasSignature(unsigned("GET", "/", "X-Amz-Credential=x", ""))).isTrue();
    assertThat(SigV4Verifier.hasSignature(unsigned("GET", "/", "x-amz-algorithm=x", ""))).isFalse();
    assertThat(SigV4Verifier.hasSignature(unsigned("GET", "/", "", ""))).isFalse();
  }
}
