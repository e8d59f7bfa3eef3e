package dev.turnpike.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BinaryMediaTypesTest {
  @Test
  void exactTypes_matchIgnoringCaseAndParameters() {
    BinaryMediaTypes b = BinaryMediaTypes.of(List.of("image/png", "application/octet-stream"));
    assertThat(b.matches("image/png")).isTrue();
    assertThat(b.matches("IMAGE/PNG; charset=binary")).isTrue();
    assertThat(b.matches("image/jpeg")).isFalse();
    assertThat(b.matches("image/pngx")).isFalse();
    assertThat(b.matches(null)).isFalse();
  }

  @Test
  void wildcards_matchTheirType() {
    assertThat(BinaryMediaTypes.of(List.of("image/*")).matches("image/webp")).isTrue();
    assertThat(BinaryMediaTypes.of(List.of("image/*")).matches("text/plain")).isFalse();
    assertThat(BinaryMediaTypes.of(List.of("*/*")).matches("text/plain")).isTrue();
  }

  @Test
  void noTypes_matchNothing() {
    assertThat(BinaryMediaTypes.of(null).isEmpty()).isTrue();
    assertThat(BinaryMediaTypes.of(List.of(" ")).matches("text/plain")).isFalse();
    assertThat(BinaryMediaTypes.NONE.matches("*/*")).isFalse();
  }

  @Test
  void firstAccept_isTheOnlyTypeHonored() {
    assertThat(BinaryMediaTypes.firstAccept("image/png, text/html;q=0.9")).isEqualTo("image/png");
    assertThat(BinaryMediaTypes.firstAccept("text/html;q=0.9, image/png")).isEqualTo("text/html");
    assertThat(BinaryMediaTypes.firstAccept(null)).isNull();
    assertThat(BinaryMediaTypes.firstAccept(" ,image/png")).isNull();
  }
}
