package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcConfigStoreTest {
  private static final DocumentKey A = DocumentKey.of("111111111111", Kinds.REST_API, "a");
  private static final DocumentKey B = DocumentKey.of("111111111111", Kinds.REST_API, "b");

  @TempDir Path dir;
  JdbcConfigStore store;

  @BeforeEach
  void setUp() {
    store = JdbcConfigStore.embedded(dir);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void commit_create_storesVersionOne() {
    store.commit(List.of(Write.create(A, "{\"n\":1}")));
    assertThat(store.get(A)).contains(new Document(A, "{\"n\":1}", 1));
  }

  @Test
  void commit_update_incrementsVersion() {
    store.commit(List.of(Write.put(A, "{\"n\":1}")));
    store.commit(List.of(Write.put(A, "{\"n\":2}")));
    store.commit(List.of(new Write(A, "{\"n\":3}", 2)));
    assertThat(store.get(A)).contains(new Document(A, "{\"n\":3}", 3));
  }

  @Test
  void commit_delete_removesDocument() {
    store.commit(List.of(Write.put(A, "{}")));
    store.commit(List.of(Write.delete(A)));
    assertThat(store.get(A)).isEmpty();
    // Deleting what is not there is not an error.
    store.commit(List.of(Write.delete(A)));
  }

  @Test
  void commit_deleteThenCreate_restartsAtVersionOne() {
    store.commit(List.of(Write.put(A, "{}")));
    store.commit(List.of(Write.put(A, "{}")));
    store.commit(List.of(Write.delete(A)));
    store.commit(List.of(Write.create(A, "{}")));
    assertThat(store.get(A).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void commit_revision_incrementsOncePerCommit() {
    assertThat(store.revision()).isZero();
    assertThat(store.commit(List.of(Write.put(A, "{}"), Write.put(B, "{}")))).isEqualTo(1);
    assertThat(store.commit(List.of(Write.delete(A)))).isEqualTo(2);
    assertThat(store.revision()).isEqualTo(2);
  }

  @Test
  void commit_createExisting_conflictsAndWritesNothing() {
    store.commit(List.of(Write.put(A, "{\"n\":1}")));
    long revision = store.revision();
    assertThatThrownBy(
            () -> store.commit(List.of(Write.put(B, "{}"), Write.create(A, "{\"n\":2}"))))
        .isInstanceOf(ConfigStore.ConflictException.class)
        .hasMessageContaining("expected: 0");
    assertThat(store.get(B)).isEmpty();
    assertThat(store.get(A)).contains(new Document(A, "{\"n\":1}", 1));
    assertThat(store.revision()).isEqualTo(revision);
  }

  @Test
  void commit_staleExpectedVersion_rollsBackEarlierWritesOfTheCommit() {
    store.commit(List.of(Write.put(A, "{\"n\":1}"), Write.put(B, "{\"n\":1}")));
    store.commit(List.of(Write.put(A, "{\"n\":2}")));
    assertThatThrownBy(
            () ->
                store.commit(
                    List.of(Write.delete(B), Write.put(A, "{\"n\":9}"), new Write(A, "{}", 1))))
        .isInstanceOf(ConfigStore.ConflictException.class);
    assertThat(store.get(A)).contains(new Document(A, "{\"n\":2}", 2));
    assertThat(store.get(B)).contains(new Document(B, "{\"n\":1}", 1));
    assertThat(store.revision()).isEqualTo(2);
    // The store stays usable after a rolled-back commit.
    assertThat(store.commit(List.of(new Write(A, "{\"n\":3}", 2)))).isEqualTo(3);
  }

  @Test
  void list_oneScope_orderedById() {
    DocumentKey r2 = new DocumentKey("111111111111", Kinds.RESOURCE, "api1", "r2");
    DocumentKey r1 = new DocumentKey("111111111111", Kinds.RESOURCE, "api1", "r1");
    DocumentKey other = new DocumentKey("111111111111", Kinds.RESOURCE, "api2", "r0");
    store.commit(List.of(Write.put(r2, "{}"), Write.put(r1, "{}"), Write.put(other, "{}")));
    assertThat(store.list("111111111111", Kinds.RESOURCE, "api1"))
        .extracting(Document::key)
        .containsExactly(r1, r2);
  }

  @Test
  void listKind_acrossAccountsAndScopes_returnsAllOfThatKind() {
    DocumentKey other = DocumentKey.of("222222222222", Kinds.REST_API, "c");
    DocumentKey stage = new DocumentKey("111111111111", Kinds.STAGE, "a", "dev");
    store.commit(List.of(Write.put(A, "{}"), Write.put(other, "{}"), Write.put(stage, "{}")));
    assertThat(store.listKind(Kinds.REST_API)).extracting(Document::key).containsExactly(A, other);
    assertThat(store.listKind(Kinds.STAGE)).extracting(Document::key).containsExactly(stage);
    assertThat(store.listKind(Kinds.DEPLOYMENT)).isEmpty();
  }

  @Test
  void reopen_afterClose_keepsDocumentsAndRevision() {
    store.commit(List.of(Write.put(A, "{\"n\":1}")));
    store.commit(List.of(Write.put(A, "{\"n\":2}")));
    store.close();
    store = JdbcConfigStore.embedded(dir);
    assertThat(store.get(A)).contains(new Document(A, "{\"n\":2}", 2));
    assertThat(store.revision()).isEqualTo(2);
  }

  @Test
  void reopen_migrations_appliedOnceOnly() throws Exception {
    store.close();
    store = JdbcConfigStore.embedded(dir);
    store.close();
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store").resolve("turnpike");
    try (Connection c = DriverManager.getConnection(url);
        ResultSet rs =
            c.createStatement().executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(Migrations.latest());
      assertThat(rs.getInt(2)).isEqualTo(Migrations.latest());
    }
    store = JdbcConfigStore.embedded(dir);
    assertThat(store.revision()).isZero();
  }

  @Test
  void open_newerSchema_refusedWithMessage() throws Exception {
    store.close();
    String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("store").resolve("turnpike");
    try (Connection c = DriverManager.getConnection(url)) {
      c.createStatement()
          .execute(
              "INSERT INTO schema_version (version) VALUES (" + (Migrations.latest() + 1) + ")");
    }
    assertThatThrownBy(() -> JdbcConfigStore.embedded(dir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer than this Turnpike");
    store = JdbcConfigStore.embedded(dir.resolve("fresh"));
  }

  @Test
  void open_badUrl_messageRedactsPassword() {
    assertThatThrownBy(() -> JdbcConfigStore.open("jdbc:nosuchdriver://host/db?password=s3cret"))
        .isInstanceOf(StoreException.class)
        .hasMessageNotContaining("s3cret");
  }
}
