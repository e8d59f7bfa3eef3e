package dev.turnpike.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.model.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LineBuffer} writes the bytes the string path wrote before it ({@link Json#quote}, then
 * UTF-8), and JSON that a parser reads back as the original text.
 */
class LineBufferTest {
  private static final String ALPHABET =
      "ab/{}-_.:=?&%+ \"\\\n\r\t\u0000\u0001\u001f\u007féü中\uD83D\uDE00";

  @Test
  void jsonStringIsTheQuotedTextInUtf8_andReadsBackAsTheText() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Random random = new Random(11);
    for (int n = 0; n < 5_000; n++) {
      String text = randomText(random);
      LineBuffer line = new LineBuffer();
      line.ascii("{\"v\":").jsonString(text).ascii("}");
      byte[] bytes = bytes(line);
      assertThat(new String(bytes, StandardCharsets.UTF_8))
          .isEqualTo("{\"v\":" + Json.quote(text) + "}");
      assertThat(mapper.readTree(bytes).get("v").asText()).isEqualTo(text);
    }
  }

  @Test
  void textIsUtf8WithLineFeedsAsSpaces() throws IOException {
    Random random = new Random(12);
    for (int n = 0; n < 5_000; n++) {
      String text = randomText(random);
      LineBuffer line = new LineBuffer();
      line.text(text).decimal(-42).newline();
      assertThat(bytes(line))
          .isEqualTo((text.replace('\n', ' ') + "-42\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void controlCharactersUseJsonsShortEscapesWhereItHasThem() throws IOException {
    LineBuffer line = new LineBuffer();
    line.jsonString("a\"b\\c\nd\re\tf\u0001g");
    assertThat(line.toString()).isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0001g\"");
  }

  @Test
  void growsPastItsFirstArrayAndIsReusedAfterReset() throws IOException {
    LineBuffer line = new LineBuffer();
    String big = "x".repeat(5_000) + "\"" + "y".repeat(5_000);
    line.jsonString(big);
    assertThat(line.length()).isEqualTo(10_004);
    line.reset();
    line.ascii("ok");
    assertThat(bytes(line)).isEqualTo("ok".getBytes(StandardCharsets.US_ASCII));
  }

  private static String randomText(Random random) {
    StringBuilder b = new StringBuilder();
    int length = random.nextInt(random.nextInt(10) == 0 ? 3_000 : 40);
    for (int i = 0; i < length; i++) {
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      if (Character.isHighSurrogate(c)) {
        b.append(c)
            .append('\uDE00'); // whole pairs: a lone surrogate is not text a request can carry
      } else if (!Character.isLowSurrogate(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static byte[] bytes(LineBuffer line) {
    return line.toByteArray();
  }
}
