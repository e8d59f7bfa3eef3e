package dev.turnpike.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.media.ContentHandling.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AWS's "Content type conversions in API Gateway" tables, row by row. */
class ContentHandlingTest {
  private static final byte[] BIN = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
  private static final byte[] B64 = Base64.getEncoder().encode(BIN);
  private static final byte[] TEXT = "hello".getBytes(StandardCharsets.US_ASCII);

  private static final ContentHandling NONE = ContentHandling.PASSTHROUGH;
  private static final ContentHandling TO_TEXT = ContentHandling.CONVERT_TO_TEXT;
  private static final ContentHandling TO_BINARY = ContentHandling.CONVERT_TO_BINARY;

  @Test
  void of_readsTheStoredValue() {
    assertThat(ContentHandling.of(null)).isEqualTo(NONE);
    assertThat(ContentHandling.of("CONVERT_TO_TEXT")).isEqualTo(TO_TEXT);
    assertThat(ContentHandling.of("CONVERT_TO_BINARY")).isEqualTo(TO_BINARY);
  }

  @Test
  void request_table() {
    is(NONE.request(false, TEXT), TEXT, true);
    is(TO_TEXT.request(false, TEXT), TEXT, true);
    is(TO_BINARY.request(false, B64), BIN, false);
    is(NONE.request(true, BIN), BIN, false);
    is(TO_BINARY.request(true, BIN), BIN, false);
    is(TO_TEXT.request(true, BIN), B64, true);
    assertThatThrownBy(() -> TO_BINARY.request(false, "not base64!".getBytes()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void response_withoutBinaryMediaTypes() {
    is(NONE.response(false, false, false, TEXT), TEXT, true);
    is(TO_TEXT.response(false, false, false, TEXT), TEXT, true);
    is(TO_BINARY.response(false, false, false, B64), BIN, false);
  }

  @Test
  void response_withBinaryMediaTypes() {
    // text data
    is(NONE.response(true, false, false, TEXT), TEXT, true);
    is(TO_BINARY.response(true, false, false, B64), BIN, false);
    is(TO_TEXT.response(true, false, false, TEXT), TEXT, true);
    is(NONE.response(true, false, true, B64), BIN, false);
    is(TO_BINARY.response(true, false, true, B64), BIN, false);
    is(TO_TEXT.response(true, false, true, TEXT), TEXT, true);
    // binary data
    is(NONE.response(true, true, false, BIN), B64, true);
    is(TO_BINARY.response(true, true, false, BIN), BIN, false);
    is(TO_TEXT.response(true, true, false, BIN), B64, true);
    is(NONE.response(true, true, true, BIN), BIN, false);
    is(TO_BINARY.response(true, true, true, BIN), BIN, false);
    is(TO_TEXT.response(true, true, true, BIN), B64, true);
  }

  private static void is(Payload p, byte[] bytes, boolean text) {
    assertThat(p.bytes()).isEqualTo(bytes);
    assertThat(p.text()).isEqualTo(text);
  }
}
