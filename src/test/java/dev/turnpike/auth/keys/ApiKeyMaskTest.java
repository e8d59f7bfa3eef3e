package dev.turnpike.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeyMaskTest {
  @Test
  void mask_fortyCharacterKey_34StarsAndLastSix() {
    // KC-429: **********************************F0yrv6
    String key = "abcdefghijklmnopqrstuvwxyz01234567F0yrv6";
    assertThat(ApiKeyMask.mask(key)).isEqualTo("*".repeat(34) + "F0yrv6");
  }

  @Test
  void mask_shortOrEmpty_neverShowsAShortKeyInClear() {
    assertThat(ApiKeyMask.mask("")).isEmpty();
    assertThat(ApiKeyMask.mask("abc")).isEqualTo("***");
    assertThat(ApiKeyMask.mask("abcdefghij"))
        .isEqualTo("****ghij".replace("****ghij", "****efghij"));
  }
}
