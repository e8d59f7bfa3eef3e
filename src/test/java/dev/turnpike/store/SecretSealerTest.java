package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretSealerTest {
  static final String K1 = newKey();
  static final String K2 = newKey();
  static final DocumentKey ACCESS =
      DocumentKey.of("111111111111", Kinds.ACCESS_KEY, "AKIAEXAMPLE000000001");
  static final String SECRET = "{\"secretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"}";

  static String newKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void seal_secretKind_storedFormHidesTheSecretAndOpensBack() {
    SecretSealer s = new SecretSealer(SecretKeyRing.parse(K1, "test"));
    String stored = s.seal(ACCESS, SECRET);
    assertThat(stored).startsWith("tp-sealed:v1:").doesNotContain("wJalrXUtnFEMI");
    assertThat(s.open(ACCESS, stored)).isEqualTo(SECRET);
    // a fresh nonce per write: the same secret never gives the same stored form
    assertThat(s.seal(ACCESS, SECRET)).isNotEqualTo(stored);
  }

  @Test
  void seal_otherKind_storedAsIs() {
    SecretSealer s = new SecretSealer(SecretKeyRing.parse(K1, "test"));
    DocumentKey api = DocumentKey.of("111111111111", Kinds.REST_API, "abc");
    assertThat(s.seal(api, "{\"name\":\"x\"}")).isEqualTo("{\"name\":\"x\"}");
  }

  @Test
  void open_bodyMovedToAnotherDocument_doesNotAuthenticate() {
    SecretSealer s = new SecretSealer(SecretKeyRing.parse(K1, "test"));
    String stored = s.seal(ACCESS, SECRET);
    DocumentKey other = DocumentKey.of("222222222222", Kinds.ACCESS_KEY, "AKIAEXAMPLE000000001");
    assertThatThrownBy(() -> s.open(other, stored))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("does not authenticate");
  }

  @Test
  void open_keyNotInRing_namesTheKeyIdsAndTheFix() {
    String stored = new SecretSealer(SecretKeyRing.parse(K1, "test")).seal(ACCESS, SECRET);
    SecretKeyRing other = SecretKeyRing.parse(K2, "test");
    assertThatThrownBy(() -> new SecretSealer(other).open(ACCESS, stored))
        .hasMessageContaining(SecretKeyRing.parse(K1, "t").current().id())
        .hasMessageContaining("--secret-key-file")
        .hasMessageNotContaining(K1)
        .hasMessageNotContaining(K2);
  }

  @Test
  void open_ringWithOldKeySecond_opensOldAndSealsNew() {
    String old = new SecretSealer(SecretKeyRing.parse(K1, "test")).seal(ACCESS, SECRET);
    SecretSealer rotated = new SecretSealer(SecretKeyRing.parse(K2 + "\n" + K1 + "\n", "test"));
    assertThat(rotated.open(ACCESS, old)).isEqualTo(SECRET);
    assertThat(rotated.isCurrent(ACCESS, old)).isFalse();
    assertThat(rotated.isCurrent(ACCESS, rotated.seal(ACCESS, SECRET))).isTrue();
  }

  @Test
  void open_plaintextFromBeforeAKey_readAsIsAndNotCurrent() {
    SecretSealer s = new SecretSealer(SecretKeyRing.parse(K1, "test"));
    assertThat(s.open(ACCESS, SECRET)).isEqualTo(SECRET);
    assertThat(s.isCurrent(ACCESS, SECRET)).isFalse();
  }

  @Test
  void parse_wrongLength_saysWhatAKeyIsAndHowToMakeOne() {
    assertThatThrownBy(() -> SecretKeyRing.parse("c2hvcnQ=", "--secret-key-file k"))
        .hasMessageContaining("--secret-key-file k: key 1 has 5 bytes (expected: 32")
        .hasMessageContaining("openssl rand -base64 32");
    assertThatThrownBy(() -> SecretKeyRing.parse("# only a comment\n", "f"))
        .hasMessageContaining("no key");
  }
}
