package dev.turnpike.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.turnpike.auth.sigv4.BotocoreVectors.Vector;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests signed by botocore 1.43 (the signer boto3, the AWS CLI and most Python clients use) must
 * verify, and {@link SigV4Signer} must sign them identically. Cases cover paths with spaces,
 * unicode, {@code %2F} and dot segments, repeated and empty query values, bodies, repeated headers,
 * temporary credentials, the {@code Date} header, {@code UNSIGNED-PAYLOAD} and presigned URLs.
 */
class BotocoreVectorsTest {

  private static final Clock CLOCK =
      Clock.fixed(BotocoreVectors.SIGNED_AT.plusSeconds(90), ZoneOffset.UTC);

  static List<Vector> vectors() throws Exception {
    return BotocoreVectors.checkedIn();
  }

  static List<Vector> headerVectors() throws Exception {
    return vectors().stream()
        .filter(v -> !v.presigned() && !v.name().equals("date-header"))
        .toList();
  }

  static List<Vector> presignedVectors() throws Exception {
    return vectors().stream().filter(Vector::presigned).toList();
  }

  // Real-client vectors: botocore/auth.py SigV4Auth and SigV4QueryAuth (spec §4.1, §4.2).
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verify_botocoreSignedRequest_returnsVerified(Vector vector) {
    SigV4Result result = verifier(vector).verify(vector.received(), vector.service());

    assertThat(result)
        .isEqualTo(
            new SigV4Result.Verified(vector.credential(), vector.region(), vector.service()));
  }

  // Canonical request as botocore builds it (spec §4.2): same bytes, line by line.
  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void canonicalRequest_botocoreSignedRequest_equalsBotocoreCanonicalString(Vector vector) {
    List<String> signed = signedHeaders(vector);
    CanonicalRequest canonical =
        CanonicalRequest.of(
            vector.received().withHeaders(List.of("Authorization"), List.of()),
            signed,
            true,
            true,
            vector.presigned() ? "X-Amz-Signature" : null);

    if (vector.name().equals("get-query-client-encoding")) {
      // botocore keeps the client's encoding of a URL's query; AWS docs re-encode (see verifier
      // notes).
      assertThat(canonical.text()).isNotEqualTo(vector.canonicalRequest());
      return;
    }
    assertThat(canonical.text()).isEqualTo(vector.canonicalRequest());
    assertThat(StringToSign.of(timestamp(vector), scope(vector), canonical.hash()))
        .isEqualTo(vector.stringToSign());
  }

  // SigV4Signer must produce botocore's Authorization header byte for byte.
  @ParameterizedTest(name = "{0}")
  @MethodSource("headerVectors")
  void sign_sameInputsAsBotocore_producesIdenticalAuthorizationHeader(Vector vector) {
    SigV4Signer signer =
        new SigV4Signer(
            vector.accessKeyId(),
            vector.secretAccessKey(),
            vector.sessionToken().isEmpty() ? null : vector.sessionToken());
    if (vector.name().equals("unsigned-payload")) {
      signer = signer.withUnsignedPayload();
    }

    SigV4Request signed =
        signer.sign(
            vector.unsigned(vector.url()),
            vector.region(),
            vector.service(),
            BotocoreVectors.SIGNED_AT);

    if (vector.name().equals("get-query-client-encoding")) {
      assertThat(verifier(vector).verify(signed, vector.service()))
          .isInstanceOf(SigV4Result.Verified.class);
      return;
    }
    assertThat(signed.header("Authorization")).isEqualTo(vector.received().header("Authorization"));
  }

  // botocore SigV4QueryAuth: same query parameters, same order, same X-Amz-Signature.
  @ParameterizedTest(name = "{0}")
  @MethodSource("presignedVectors")
  void presign_sameInputsAsBotocore_producesIdenticalQuery(Vector vector) {
    SigV4Signer signer =
        new SigV4Signer(
            vector.accessKeyId(),
            vector.secretAccessKey(),
            vector.sessionToken().isEmpty() ? null : vector.sessionToken());
    String operationParams = vector.rawQuery().replaceFirst("&?X-Amz-Algorithm=.*$", "");
    SigV4Request unsigned = vector.received().withRawQuery(operationParams);

    SigV4Request presigned =
        signer.presign(
            unsigned,
            vector.region(),
            vector.service(),
            BotocoreVectors.SIGNED_AT,
            Duration.ofSeconds(300));

    assertThat(presigned.rawQuery()).isEqualTo(vector.rawQuery());
  }

  // The checked-in vectors are what botocore produces today; regenerate them if botocore changes.
  @Test
  void botocoreScript_runLive_matchesCheckedInVectorsAndVerifies() throws Exception {
    String live = BotocoreVectors.runBotocore();
    assumeTrue(live != null, "python3 with botocore is not installed");

    assertThat(live).isEqualTo(BotocoreVectors.checkedInText());
    for (Vector vector : BotocoreVectors.parse(live)) {
      assertThat(verifier(vector).verify(vector.received(), vector.service()))
          .as(vector.name())
          .isInstanceOf(SigV4Result.Verified.class);
    }
  }

  private static SigV4Verifier verifier(Vector vector) {
    return new SigV4Verifier(
        CLOCK, SigV4Verifier.resolverOf(Map.of(vector.accessKeyId(), vector.credential())));
  }

  private static List<String> signedHeaders(Vector vector) {
    String[] lines = vector.canonicalRequest().split("\n", -1);
    return List.of(lines[lines.length - 2].split(";"));
  }

  private static String timestamp(Vector vector) {
    return vector.stringToSign().split("\n")[1];
  }

  private static String scope(Vector vector) {
    return vector.stringToSign().split("\n")[2];
  }
}
