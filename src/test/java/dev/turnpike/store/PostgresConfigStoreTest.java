package dev.turnpike.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link ConfigStore} contract on a real PostgreSQL shared by two store instances (nodes). */
class PostgresConfigStoreTest {
  private static final DocumentKey A = DocumentKey.of("111111111111", Kinds.REST_API, "a");

  TestDatabase db;
  JdbcConfigStore node1;
  JdbcConfigStore node2;

  @BeforeEach
  void setUp() {
    db = TestDatabase.create();
    node1 = JdbcConfigStore.shared(StoreLocation.parse(db.uri()), DocumentSealer.NONE);
    node2 = JdbcConfigStore.shared(StoreLocation.parse(db.uri()), DocumentSealer.NONE);
  }

  @AfterEach
  void tearDown() {
    node1.close();
    node2.close();
    db.close();
  }

  @Test
  void commit_onOneNode_isReadByTheOtherWithVersionAndRevision() {
    long r1 = node1.commit(List.of(Write.create(A, "{\"n\":1}")));
    long r2 = node2.commit(List.of(new Write(A, "{\"n\":2}", 1)));
    assertThat(r2).isEqualTo(r1 + 1);
    assertThat(node1.get(A)).contains(new Document(A, "{\"n\":2}", 2));
    assertThat(node1.revision()).isEqualTo(r2);
  }

  @Test
  void commit_staleVersionFromOtherNode_conflictsAndWritesNothing() {
    node1.commit(List.of(Write.create(A, "{\"n\":1}")));
    node2.commit(List.of(new Write(A, "{\"n\":2}", 1)));
    long before = node1.revision();
    assertThatThrownBy(() -> node1.commit(List.of(new Write(A, "{\"n\":3}", 1))))
        .isInstanceOf(ConfigStore.ConflictException.class)
        .hasMessageContaining("version 2 (expected: 1)");
    assertThat(node2.get(A).orElseThrow().json()).isEqualTo("{\"n\":2}");
    assertThat(node2.revision()).isEqualTo(before);
  }

  @Test
  void commitUntracked_readModifyWriteOnTwoNodes_noIncrementLost() throws Exception {
    // Usage documents: every node adds its count under the version it read, without the revision
    // row's lock; a write that lost the race conflicts (and is retried) instead of overwriting.
    DocumentKey counter = new DocumentKey("global", Kinds.USAGE, "plan", "key");
    AtomicInteger conflicts = new AtomicInteger();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (JdbcConfigStore node : List.of(node1, node2)) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 50; i++) {
                  while (true) {
                    var doc = node.get(counter);
                    long n = doc.map(d -> Long.parseLong(d.json())).orElse(0L);
                    long version = doc.map(Document::version).orElse(0L);
                    try {
                      node.commitUntracked(
                          List.of(new Write(counter, Long.toString(n + 1), version)));
                      break;
                    } catch (ConfigStore.ConflictException e) {
                      conflicts.incrementAndGet();
                    }
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    long revision = node1.revision();
    go.countDown();
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
    }
    assertThat(node1.get(counter).orElseThrow().json()).isEqualTo("100");
    assertThat(node2.revision()).isEqualTo(revision); // untracked: no snapshot rebuild
  }

  @Test
  void commit_concurrentCreatesOnTwoNodes_exactlyOneWinsAndRevisionsHaveNoGap() throws Exception {
    // Each node's thread creates the same 40 keys; each key must be created exactly once, and the
    // revision counter must count exactly the successful commits.
    long start = node1.revision();
    AtomicInteger wins = new AtomicInteger();
    ConcurrentHashMap<Long, Boolean> revisions = new ConcurrentHashMap<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (JdbcConfigStore node : List.of(node1, node2)) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 40; i++) {
                  DocumentKey k = DocumentKey.of("111111111111", Kinds.REST_API, "k" + i);
                  try {
                    revisions.put(node.commit(List.of(Write.create(k, "{}"))), true);
                    wins.incrementAndGet();
                  } catch (ConfigStore.ConflictException expected) {
                    // the other node created it first
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join(30_000);
    }
    assertThat(wins.get()).isEqualTo(40);
    assertThat(node1.list("111111111111", Kinds.REST_API, "")).hasSize(40);
    assertThat(node2.revision()).isEqualTo(start + 40);
    assertThat(revisions.keySet()).hasSize(40).allMatch(r -> r > start && r <= start + 40);
  }

  @Test
  void watch_commitOnOtherNode_notifiesWithinMilliseconds() throws Exception {
    CountDownLatch first = new CountDownLatch(1); // the watch runs once when it starts listening
    CountDownLatch changed = new CountDownLatch(2);
    node1.watch(
        () -> {
          first.countDown();
          changed.countDown();
        });
    assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
    long t0 = System.nanoTime();
    node2.commit(List.of(Write.create(A, "{}")));
    assertThat(changed.await(1, TimeUnit.SECONDS)).isTrue();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1000);
  }

  @Test
  void read_afterConnectionsAreKilled_reconnectsAndAnswers() {
    node1.commit(List.of(Write.create(A, "{}")));
    db.terminateConnections();
    assertThat(node1.get(A)).isPresent();
    db.terminateConnections();
    // a write after an outage goes to a fresh connection (checked before it starts)
    assertThat(node1.commit(List.of(Write.put(A, "{\"n\":2}")))).isPositive();
  }

  @Test
  void open_schemaNewerThanThisTurnpike_refusesWithWhatToDo() throws Exception {
    try (Connection c = db.connect();
        Statement st = c.createStatement()) {
      st.execute("INSERT INTO schema_version (version) VALUES (" + (Migrations.latest() + 1) + ")");
    }
    assertThatThrownBy(
            () -> JdbcConfigStore.shared(StoreLocation.parse(db.uri()), DocumentSealer.NONE))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("newer than this Turnpike understands")
        .hasMessageContaining("upgrade");
  }

  @Test
  void open_unreachableServer_saysSoWithoutThePassword() {
    assertThatThrownBy(
            () ->
                JdbcConfigStore.shared(
                    StoreLocation.parse("postgresql://postgres:hunter2@127.0.0.1:1/nothere"),
                    DocumentSealer.NONE))
        .isInstanceOf(StoreException.class)
        .matches(e -> ((StoreException) e).unavailable())
        .hasMessageContaining("postgresql://postgres@127.0.0.1:1/nothere")
        .hasMessageNotContaining("hunter2");
  }
}
