package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secrets in a shared PostgreSQL store: encrypted in the rows, rotated by {@code reseal}. */
class SealedStoreTest {
  static final DocumentKey ACCESS = SecretSealerTest.ACCESS;
  static final DocumentKey API = DocumentKey.of("111111111111", Kinds.REST_API, "abc");

  TestDatabase db;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
  }

  @AfterEach
  void tearDown() {
    db.close();
  }

  JdbcConfigStore open(String keys) {
    return JdbcConfigStore.shared(
        StoreLocation.parse(db.uri()), new SecretSealer(SecretKeyRing.parse(keys, "test")));
  }

  String rawBody(DocumentKey key) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement ps = c.prepareStatement("SELECT body FROM documents WHERE id=?")) {
      ps.setString(1, key.id());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  void commit_secretKind_rowHoldsNoSecretAndNodeReadsIt() throws Exception {
    String k1 = SecretSealerTest.K1;
    try (JdbcConfigStore store = open(k1)) {
      store.commit(List.of(Write.put(ACCESS, SecretSealerTest.SECRET), Write.put(API, "{}")));
      assertThat(rawBody(ACCESS)).startsWith("tp-sealed:v1:").doesNotContain("wJalrXUtnFEMI");
      assertThat(rawBody(API)).isEqualTo("{}");
      assertThat(store.get(ACCESS).orElseThrow().json()).isEqualTo(SecretSealerTest.SECRET);
      assertThat(store.listKind(Kinds.ACCESS_KEY).get(0).json()).isEqualTo(SecretSealerTest.SECRET);
    }
  }

  @Test
  void reseal_newKeyFirst_rewritesUnderNewKeyKeepingVersionAndRevision() throws Exception {
    String k1 = SecretSealerTest.K1;
    String k2 = SecretSealerTest.K2;
    long revision;
    try (JdbcConfigStore store = open(k1)) {
      store.commit(List.of(Write.put(ACCESS, SecretSealerTest.SECRET)));
      revision = store.revision();
    }
    String before = rawBody(ACCESS);
    try (JdbcConfigStore rotating = open(k2 + "\n" + k1)) {
      assertThat(rotating.reseal()).isEqualTo(1);
      assertThat(rotating.reseal()).isZero(); // done: nothing left under the old key
      assertThat(rotating.revision()).isEqualTo(revision);
    }
    String after = rawBody(ACCESS);
    assertThat(after).isNotEqualTo(before).doesNotContain("wJalrXUtnFEMI");
    try (JdbcConfigStore newOnly = open(k2)) {
      Document d = newOnly.get(ACCESS).orElseThrow();
      assertThat(d.json()).isEqualTo(SecretSealerTest.SECRET);
      assertThat(d.version()).isEqualTo(1);
    }
  }
}
