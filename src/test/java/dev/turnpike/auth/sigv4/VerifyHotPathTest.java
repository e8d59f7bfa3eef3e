package dev.turnpike.auth.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free helpers of the verification path (issue 7, S5) give exactly what the plain
 * forms they replace give: each is checked against that plain form, on hand-picked edge cases and
 * on seeded random input.
 */
class VerifyHotPathTest {

  private static final Random RANDOM = new Random(7);

  private static String random(String alphabet, int maxLength) {
    StringBuilder b = new StringBuilder();
    int n = RANDOM.nextInt(maxLength + 1);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  // The scratch-buffer digest hashes the UTF-8 bytes, non-ASCII (2-, 3- and 4-byte sequences)
  // included.
  @Test
  void sha256HexOfBuilder_equalsSha256HexOfItsUtf8Bytes() {
    for (String text :
        List.of(
            "",
            "GET\n/\n\nhost:x\n\nhost\nUNSIGNED-PAYLOAD",
            "café",
            "€ ok",
            "pet 🐕 name",
            "x".repeat(5000))) {
      StringBuilder b = Crypto.text().append(text);
      assertThat(Crypto.sha256Hex(b))
          .isEqualTo(Crypto.sha256Hex(text.getBytes(StandardCharsets.UTF_8)));
    }
  }

  // The MAC comparison accepts exactly the lowercase hex of the MAC, as the string comparison did.
  @Test
  void hmacHexMatches_acceptsOnlyTheLowercaseHexMac() {
    byte[] key = "key".getBytes(StandardCharsets.UTF_8);
    String data = "AWS4-HMAC-SHA256\n20261125T230000Z\nscope é";
    String hex = Crypto.hex(Crypto.hmac(key, data));
    assertThat(Crypto.hmacHexMatches(key, data, hex)).isTrue();
    assertThat(Crypto.hmacHexMatches(key, data, hex.toUpperCase())).isFalse();
    assertThat(Crypto.hmacHexMatches(key, data, hex.substring(1))).isFalse();
    assertThat(Crypto.hmacHexMatches(key, data, hex + "0")).isFalse();
    assertThat(Crypto.hmacHexMatches(key, data, "é" + hex.substring(1))).isFalse();
    assertThat(Crypto.hmacHexMatches(key, data, "")).isFalse();
    char last = hex.charAt(63);
    assertThat(Crypto.hmacHexMatches(key, data, hex.substring(0, 63) + (last == '0' ? '1' : '0')))
        .isFalse();
  }

  // A query value already in canonical form is kept; anything else is decoded and re-encoded, as
  // before.
  @Test
  void isCanonical_agreesWithDecodeThenEncode() {
    for (String text :
        List.of(
            "",
            "AKID%2F20261125%2Fus-east-1%2Fexecute-api%2Faws4_request",
            "%41",
            "%2f",
            "%2F",
            "a b",
            "a+b",
            "%zz",
            "%",
            "%2",
            "abc%2",
            "%C3%A9",
            "é",
            "~-._",
            "%7E",
            "%25",
            "%%41")) {
      assertThat(UriEncoding.isCanonical(text))
          .as(text)
          .isEqualTo(UriEncoding.encode(UriEncoding.decode(text), false).equals(text));
    }
    for (int i = 0; i < 20_000; i++) {
      String text = random("aZ09-_.~%2Ff7Ee+ é/=", 8);
      assertThat(UriEncoding.isCanonical(text))
          .as(text)
          .isEqualTo(UriEncoding.encode(UriEncoding.decode(text), false).equals(text));
    }
  }

  // Percent-decoding into an array gives the bytes the byte-by-byte reading gives: %XX (either
  // case) decoded, a
  // '%' without two hex digits kept, '+' kept, non-ASCII passed through as its UTF-8 bytes.
  @Test
  void decode_agreesWithTheByteByByteReading() {
    for (String text :
        List.of(
            "",
            "%",
            "%4",
            "%41",
            "a%41",
            "%41b",
            "%2f%2F",
            "%zz",
            "%%41",
            "a+b",
            "é%C3%A9",
            "AKID%2F20261125%2Fus-east-1%2Fexecute-api%2Faws4_request",
            "%4G",
            "100%")) {
      assertThat(UriEncoding.decode(text)).as(text).isEqualTo(plainDecode(text));
    }
    for (int i = 0; i < 20_000; i++) {
      String text = random("a%2Ff7Ee+ é/=G", 10);
      assertThat(UriEncoding.decode(text)).as(text).isEqualTo(plainDecode(text));
    }
  }

  private static byte[] plainDecode(String text) {
    byte[] raw = text.getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < raw.length; i++) {
      int hi = i + 2 < raw.length ? Character.digit(raw[i + 1], 16) : -1;
      int lo = i + 2 < raw.length ? Character.digit(raw[i + 2], 16) : -1;
      if (raw[i] == '%' && hi >= 0 && lo >= 0) {
        out.write((hi << 4) | lo);
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toByteArray();
  }

  // The region check without a regex accepts what [a-z0-9]+(-[a-z0-9]+)* accepts.
  @Test
  void isRegionName_agreesWithTheRegex() {
    Pattern region = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    for (String text :
        List.of(
            "us-east-1", "local-1", "", "-", "us--east", "us-", "-us", "US-east-1", "us_east")) {
      assertThat(CredentialScope.isRegionName(text))
          .as(text)
          .isEqualTo(region.matcher(text).matches());
    }
    for (int i = 0; i < 20_000; i++) {
      String text = random("a1-Z_", 6);
      assertThat(CredentialScope.isRegionName(text))
          .as(text)
          .isEqualTo(region.matcher(text).matches());
    }
  }

  // A valid X-Amz-Date is its own canonical text; out-of-range fields still go through the
  // formatter's resolution.
  @Test
  void basicText_isTheRawValueOnlyWhenFormattingWouldReproduceIt() {
    for (String raw :
        List.of(
            "20261125T230000Z",
            "20240229T235959Z",
            "00000101T000000Z",
            "20230229T120000Z",
            "20261131T000000Z",
            "20261125T240000Z",
            "20261125T236000Z",
            "20261125T230060Z",
            "20261325T000000Z")) {
      Instant parsed = AmzDate.parseBasic(raw);
      if (parsed == null) {
        continue; // rejected before any text is needed
      }
      assertThat(AmzDate.basicText(raw, parsed)).as(raw).isEqualTo(AmzDate.format(parsed));
    }
    assertThat(AmzDate.parseBasic("20261125T230000Z"))
        .isEqualTo(Instant.parse("2026-11-25T23:00:00Z"));
    assertThat(AmzDate.parseBasic("20240229T235959Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59Z"));
    assertThat(AmzDate.parseBasic("2026112XT230000Z")).isNull();
  }

  // botocore's ' '.join(value.split()): the fast path returns the value itself only when nothing
  // folds.
  @Test
  void trimAll_foldsWhitespaceAndKeepsCleanValues() {
    assertThat(CanonicalRequest.trimAll("a b c")).isEqualTo("a b c");
    assertThat(CanonicalRequest.trimAll("a  b")).isEqualTo("a b");
    assertThat(CanonicalRequest.trimAll(" a")).isEqualTo("a");
    assertThat(CanonicalRequest.trimAll("a ")).isEqualTo("a");
    assertThat(CanonicalRequest.trimAll("a \tb")).isEqualTo("a b");
    assertThat(CanonicalRequest.trimAll("a\u00A0b")).isEqualTo("a b");
    assertThat(CanonicalRequest.trimAll("a\tb")).isEqualTo("a b");
    assertThat(CanonicalRequest.trimAll("")).isEmpty();
  }

  // Repeated headers join in arrival order after folding; percent-encoded and non-ASCII path and
  // query
  // canonicalize as the AWS docs say, the token redacted only in the echoed text.
  @Test
  void canonicalText_multiValueHeaders_encodedPathAndQuery() {
    SigV4Request request =
        new SigV4Request(
            "GET",
            "/prod/caf%C3%A9/a%20b",
            "b=%c3%a9&a=x%2Fy&a=1&&X-Amz-Security-Token=secret",
            List.of(
                Map.entry("Host", "h.example"),
                Map.entry("X-Multi", "  one   two "),
                Map.entry("x-multi", "three"),
                Map.entry("X-Amz-Security-Token", "secret")),
            new byte[0]);
    CanonicalRequest canonical =
        CanonicalRequest.of(
            request,
            QueryParameters.parse(request.rawQuery()),
            List.of("host", "x-amz-security-token", "x-multi"),
            true,
            true,
            null);
    String expected =
        "GET\n/prod/caf%25C3%25A9/a%2520b\n"
            + "X-Amz-Security-Token=secret&a=1&a=x%2Fy&b=%C3%A9\n"
            + "host:h.example\nx-amz-security-token:secret\nx-multi:one two,three\n\n"
            + "host;x-amz-security-token;x-multi\n"
            + Crypto.sha256Hex(new byte[0]);
    assertThat(canonical.text()).isEqualTo(expected);
    assertThat(canonical.hash())
        .isEqualTo(Crypto.sha256Hex(expected.getBytes(StandardCharsets.UTF_8)));
    assertThat(canonical.redactedText())
        .doesNotContain("secret")
        .contains("X-Amz-Security-Token=<redacted>&a=1")
        .contains("x-amz-security-token:<redacted>\n");
    CanonicalRequest verbatim =
        CanonicalRequest.of(
            request, QueryParameters.parse(request.rawQuery()), List.of("host"), true, false, null);
    assertThat(verbatim.text()).contains("\n=&X-Amz-Security-Token=secret&a=1&a=x%2Fy&b=%c3%a9\n");
  }

  // A path of unreserved characters without empty or dot segments is its own canonical URI in both
  // modes.
  @Test
  void canonicalUri_fastPath_agreesWithTheFullRules() {
    for (String path :
        List.of(
            "/",
            "/prod/bench",
            "/a/",
            "//",
            "/a//b",
            "/a/.",
            "/a/..",
            "/.hidden/x",
            "/a/b/",
            "a/b",
            "/a%20b",
            "/a/./b",
            "/..",
            "/...")) {
      for (boolean twice : new boolean[] {true, false}) {
        assertThat(CanonicalRequest.canonicalUri(path, twice))
            .as(path + " " + twice)
            .isEqualTo(slowUri(path, twice));
      }
    }
    for (int i = 0; i < 20_000; i++) {
      String path = "/" + random("ab/.-%2 ", 8);
      for (boolean twice : new boolean[] {true, false}) {
        assertThat(CanonicalRequest.canonicalUri(path, twice))
            .as(path + " " + twice)
            .isEqualTo(slowUri(path, twice));
      }
    }
  }

  private static String slowUri(String rawPath, boolean twice) {
    return twice
        ? UriEncoding.encode(CanonicalRequest.removeDotSegments(rawPath), true)
        : UriEncoding.encode(UriEncoding.decode(rawPath), true);
  }

  // The empty body's hash is the constant SHA-256 of zero bytes.
  @Test
  void payloadHash_emptyBody_isSha256OfNothing() {
    SigV4Request get = new SigV4Request("GET", "/", "", List.of(), new byte[0]);
    assertThat(CanonicalRequest.payloadHash(get)).isEqualTo(Crypto.sha256Hex(new byte[0]));
    SigV4Request post =
        new SigV4Request("POST", "/", "", List.of(), "{}".getBytes(StandardCharsets.UTF_8));
    assertThat(CanonicalRequest.payloadHash(post))
        .isEqualTo("44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
  }

  // The Mac stays initialised for the last key array; switching keys back and forth still MACs with
  // the right one.
  @Test
  void hmac_alternatingKeys_eachResultIsForItsOwnKey() {
    byte[] a = "key-a".getBytes(StandardCharsets.UTF_8);
    byte[] b = "key-b".getBytes(StandardCharsets.UTF_8);
    String expectedA =
        "14d76d3b03079b6981c3b9e642739dbddab3586355f24c21ea3ee940f89a0152"; // Python's hmac module
    String macA = Crypto.hex(Crypto.hmac(a, "data"));
    String macB = Crypto.hex(Crypto.hmac(b, "data"));
    assertThat(macA).isNotEqualTo(macB);
    assertThat(Crypto.hmacHexMatches(a, "data", macA)).isTrue();
    assertThat(Crypto.hmacHexMatches(b, "data", macA)).isFalse();
    assertThat(Crypto.hmacHexMatches(b, "data", macB)).isTrue();
    assertThat(Crypto.hex(Crypto.hmac(a.clone(), "data"))).isEqualTo(macA);
    assertThat(Crypto.hmacHexMatches(a, "data", macA)).isTrue();
    assertThat(macA).isEqualTo(expectedA);
  }
}
