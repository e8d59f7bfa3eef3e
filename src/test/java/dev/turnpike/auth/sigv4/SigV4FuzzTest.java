package dev.turnpike.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.testkit.Fuzz;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 fuzzing: signed requests with their {@code Authorization} header or presigned query
 * mutated are verified without an exception, and a request whose signature was changed is never
 * accepted.
 */
class SigV4FuzzTest {
  private final SigV4VerifierTest fixture = new SigV4VerifierTest();

  private static SigV4Request withHeader(SigV4Request r, String name, String value) {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : r.headers()) {
      if (!h.getKey().equalsIgnoreCase(name)) {
        headers.add(h);
      }
    }
    headers.add(Map.entry(name, value));
    return new SigV4Request(r.method(), r.rawPath(), r.rawQuery(), headers, r.body());
  }

  @Test
  void mutatedAuthorizationHeader_neverThrowsNorVerifiesAChangedSignature() {
    SigV4Request signed = SigV4VerifierTest.signedBy(SigV4VerifierTest.USER, SigV4VerifierTest.NOW);
    String auth = signed.header("Authorization");
    String signature = auth.substring(auth.indexOf("Signature=") + 10);
    Fuzz.seeded()
        .run(
            f -> f.mutate(auth, 3),
            mutated -> {
              SigV4Result r =
                  fixture.verifier.verify(
                      withHeader(signed, "Authorization", mutated), SigV4VerifierTest.SERVICE);
              // Whitespace and controls around a component are trimmed (an HTTP/1.1 header never
              // carries CR or LF: the decoder refuses them), so only the characters count.
              if (!mutated.replaceAll("[\\x00-\\x20]", "").contains("Signature=" + signature)) {
                assertThat(r).isInstanceOf(SigV4Result.Rejected.class);
              }
            });
  }

  @Test
  void mutatedPresignedQuery_neverThrowsNorVerifiesAChangedSignature() {
    SigV4Request presigned =
        SigV4Signer.of(SigV4VerifierTest.USER)
            .presign(
                SigV4VerifierTest.unsigned("GET", "/dev/pets", "a=1&b=%20x", ""),
                SigV4VerifierTest.REGION,
                SigV4VerifierTest.SERVICE,
                SigV4VerifierTest.NOW,
                Duration.ofMinutes(5));
    String query = presigned.rawQuery();
    int at = query.indexOf("X-Amz-Signature=");
    String signature = query.substring(at + 16, at + 16 + 64);
    Fuzz.seeded()
        .run(
            f -> f.mutate(query, 3),
            mutated -> {
              SigV4Result r =
                  fixture.verifier.verify(
                      presigned.withRawQuery(mutated), SigV4VerifierTest.SERVICE);
              if (!mutated.contains("X-Amz-Signature=" + signature)) {
                assertThat(r).isInstanceOf(SigV4Result.Rejected.class);
              }
            });
  }
}
