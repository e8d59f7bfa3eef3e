package dev.turnpike.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pieces of the canonical request (spec/aws-behavior.md §4.2, botocore auth.py). */
class CanonicalRequestTest {

  // Spec §4.2, case C61: non-S3 services encode the already-encoded path again.
  @Test
  void canonicalUri_encodedSpace_isEncodedTwice() {
    assertThat(CanonicalRequest.canonicalUri("/dev/pets/a%20b", true))
        .isEqualTo("/dev/pets/a%2520b");
  }

  // SigV4 docs: an empty path is "/".
  @Test
  void canonicalUri_emptyPath_returnsSlash() {
    assertThat(CanonicalRequest.canonicalUri("", true)).isEqualTo("/");
  }

  // botocore utils.remove_dot_segments: dot segments and empty segments go, a trailing '/' stays.
  @Test
  void canonicalUri_dotAndEmptySegments_areRemovedAsBotocoreDoes() {
    assertThat(CanonicalRequest.canonicalUri("/dev//pets/./x/../y/", true))
        .isEqualTo("/dev/pets/y/");
    assertThat(CanonicalRequest.canonicalUri("/..", true)).isEqualTo("/");
  }

  // RFC 3986 unreserved set with uppercase hex; raw UTF-8 is encoded byte by byte.
  @Test
  void canonicalUri_reservedAndUnicodeCharacters_arePercentEncodedUppercase() {
    assertThat(CanonicalRequest.canonicalUri("/a:b*c~d-e_f.g/é", true))
        .isEqualTo("/a%3Ab%2Ac~d-e_f.g/%C3%A9");
  }

  // SigV4 docs: S3 encodes once and keeps the path as sent.
  @Test
  void canonicalUri_s3_isEncodedOnceAndNotNormalized() {
    assertThat(CanonicalRequest.canonicalUri("/bucket/a%20b//c", false))
        .isEqualTo("/bucket/a%20b//c");
  }

  // SigV4 docs: parameters sorted by encoded name, then value; empty values keep their '='.
  @Test
  void of_repeatedAndEmptyQueryParameters_sortsByNameThenValue() {
    SigV4Request request = request("b=2&a=1&a=0&empty=&flag&sp=a%20b&q=a+b");

    String text = CanonicalRequest.of(request, List.of("host"), true).text();

    assertThat(text.split("\n")[2]).isEqualTo("a=0&a=1&b=2&empty=&flag=&q=a%2Bb&sp=a%20b");
  }

  // botocore _header_value: trim and collapse whitespace; repeated headers joined by ','.
  @Test
  void of_repeatedHeadersWithWhitespace_joinsTrimmedValues() {
    SigV4Request request =
        new SigV4Request(
            "GET",
            "/",
            "",
            List.of(
                Map.entry("Host", "h"),
                Map.entry("X-Multi", "  one  "),
                Map.entry("x-multi", "two \t three")),
            new byte[0]);

    String text = CanonicalRequest.of(request, List.of("host", "x-multi"), true).text();

    assertThat(text)
        .isEqualTo(
            "GET\n/\n\nhost:h\nx-multi:one,two three\n\nhost;x-multi\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  // botocore canonical_request: the x-amz-content-sha256 header replaces the body hash.
  @Test
  void payloadHash_contentSha256Header_wins() {
    SigV4Request request =
        new SigV4Request(
            "PUT",
            "/",
            "",
            List.of(Map.entry("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")),
            "body".getBytes(StandardCharsets.UTF_8));

    assertThat(CanonicalRequest.payloadHash(request)).isEqualTo("UNSIGNED-PAYLOAD");
  }

  @Test
  void trimAll_whitespaceRuns_collapseToOneSpace() {
    assertThat(CanonicalRequest.trimAll("\t a \u000b b\r\n")).isEqualTo("a b");
    assertThat(CanonicalRequest.trimAll("   ")).isEmpty();
  }

  private static SigV4Request request(String rawQuery) {
    return new SigV4Request("GET", "/", rawQuery, List.of(Map.entry("Host", "h")), new byte[0]);
  }
}
