package dev.turnpike.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key derivation and the published AWS examples. */
class SigningKeyTest {

  private static final String DOCS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

  // AWS General Reference "Examples of how to derive a signing key for Signature Version 4".
  @Test
  void derive_awsDocumentationExample_matchesPublishedKey() {
    byte[] key = SigningKey.derive(DOCS_SECRET, "20120215", "us-east-1", "iam");

    assertThat(Crypto.hex(key))
        .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
  }

  // aws-sig-v4-test-suite "get-vanilla": GET / on example.amazonaws.com, service "service".
  @Test
  void sign_getVanillaSuiteCase_matchesPublishedSignatureAndVerifies() {
    Instant at = Instant.parse("2015-08-30T12:36:00Z");
    SigV4Request request =
        new SigV4Request(
            "GET", "/", "", List.of(Map.entry("Host", "example.amazonaws.com")), new byte[0]);

    SigV4Request signed =
        new SigV4Signer("AKIDEXAMPLE", DOCS_SECRET, null).sign(request, "us-east-1", "service", at);

    assertThat(signed.header("Authorization"))
        .isEqualTo(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
                + " SignedHeaders=host;x-amz-date,"
                + " Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    Credential credential = Credential.longTerm("AKIDEXAMPLE", DOCS_SECRET, "1", "arn");
    SigV4Verifier verifier =
        new SigV4Verifier(
            Clock.fixed(at, ZoneOffset.UTC),
            SigV4Verifier.resolverOf(Map.of("AKIDEXAMPLE", credential)));
    assertThat(verifier.verify(signed, "service")).isInstanceOf(SigV4Result.Verified.class);
  }

  @Test
  void derive_sameInputs_returnsCachedKeyEqualToUncached() {
    byte[] first = SigningKey.derive("s", "20260101", "us-east-1", "execute-api");

    assertThat(SigningKey.derive("s", "20260101", "us-east-1", "execute-api")).isSameAs(first);
    assertThat(first)
        .isEqualTo(SigningKey.deriveUncached("s", "20260101", "us-east-1", "execute-api"));
  }

  // The cache is bounded: many secrets never grow it past its cap.
  @Test
  void derive_manyDistinctSecrets_cacheStaysBounded() {
    for (int i = 0; i < SigningKey.MAX_CACHED_KEYS * 3; i++) {
      SigningKey.derive("secret-" + i, "20260101", "us-east-1", "execute-api");
    }

    assertThat(SigningKey.cachedKeys()).isLessThanOrEqualTo(SigningKey.MAX_CACHED_KEYS);
  }
}
