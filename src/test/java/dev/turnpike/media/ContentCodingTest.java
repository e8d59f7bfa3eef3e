package dev.turnpike.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

class ContentCodingTest {
  @Test
  void negotiate_picksTheHighestWeightThenTheFirstListed() {
    assertThat(ContentCoding.negotiate("gzip")).isEqualTo(ContentCoding.GZIP);
    assertThat(ContentCoding.negotiate("deflate, gzip")).isEqualTo(ContentCoding.DEFLATE);
    assertThat(ContentCoding.negotiate("gzip;q=0.5, deflate;q=0.8"))
        .isEqualTo(ContentCoding.DEFLATE);
    assertThat(ContentCoding.negotiate("br, GZIP")).isEqualTo(ContentCoding.GZIP);
  }

  @Test
  void negotiate_noSupportedCoding_isNone() {
    assertThat(ContentCoding.negotiate(null)).isNull();
    assertThat(ContentCoding.negotiate("")).isNull();
    assertThat(ContentCoding.negotiate("identity")).isNull();
    assertThat(ContentCoding.negotiate("br")).isNull();
    assertThat(ContentCoding.negotiate("*")).isNull();
    assertThat(ContentCoding.negotiate("gzip;q=0")).isNull();
    assertThat(ContentCoding.negotiate("gzip;q=abc")).isNull();
  }

  @Test
  void decode_reversesEncode_withinItsLimit() {
    byte[] body = "hello ".repeat(100).getBytes(StandardCharsets.US_ASCII);
    assertThat(ContentCoding.GZIP.decode(ContentCoding.GZIP.encode(body), 600)).isEqualTo(body);
    assertThat(ContentCoding.DEFLATE.decode(ContentCoding.DEFLATE.encode(body), 600))
        .isEqualTo(body);
    ContentCoding.BadBody big =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> ContentCoding.GZIP.decode(ContentCoding.GZIP.encode(body), 599),
            ContentCoding.BadBody.class);
    assertThat(big.tooLarge()).isTrue();
    ContentCoding.BadBody garbage =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> ContentCoding.GZIP.decode(body, 600), ContentCoding.BadBody.class);
    assertThat(garbage.tooLarge()).isFalse();
    assertThat(ContentCoding.ofContentEncoding(" GZIP ")).isEqualTo(ContentCoding.GZIP);
    assertThat(ContentCoding.ofContentEncoding("br")).isNull();
  }

  @Test
  void encode_roundTripsThroughTheJdkDecoders() throws IOException {
    byte[] body = "abc ".repeat(500).getBytes(StandardCharsets.US_ASCII);
    byte[] gz = ContentCoding.GZIP.encode(body);
    assertThat(new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes()).isEqualTo(body);
    byte[] df = ContentCoding.DEFLATE.encode(body);
    assertThat(new InflaterInputStream(new ByteArrayInputStream(df)).readAllBytes())
        .isEqualTo(body);
    assertThat(gz.length).isLessThan(body.length);
  }
}
