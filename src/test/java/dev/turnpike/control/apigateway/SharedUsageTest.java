package dev.turnpike.control.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.control.ControlContext;
import dev.turnpike.counters.Counters;
import dev.turnpike.counters.QuotaRule;
import dev.turnpike.counters.Ticker;
import dev.turnpike.counters.UsageFlusher;
import dev.turnpike.counters.UsageMeter;
import dev.turnpike.model.UsagePlan;
import dev.turnpike.store.DocumentSealer;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.StoreLocation;
import dev.turnpike.store.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' usage meters on one real PostgreSQL database through {@link SharedUsage}: what one
 * node counted is enforced by the other after a flush, and concurrent flushes never overwrite each
 * other's counts (they did before usage was shared: each node wrote its own count as the total).
 */
class SharedUsageTest {
  static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
  final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  TestDatabase db;
  final Node a = new Node();
  final Node b = new Node();

  final class Node {
    JdbcConfigStore store;
    Counters counters;
    UsageFlusher flusher;
    SharedUsage usage;

    void open() {
      store = JdbcConfigStore.shared(StoreLocation.parse(db.uri()), DocumentSealer.NONE);
      counters = Counters.local(Ticker.system(), clock);
      ControlContext ctx = new ControlContext(store, clock, "us-east-1", () -> {});
      usage = new SharedUsage(ctx);
      // refresh every flush; the flusher thread is never started (the test flushes)
      flusher =
          new UsageFlusher(
              counters,
              ApiGatewayService.usageSink(ctx),
              60_000,
              1,
              e -> {
                throw new AssertionError(e);
              });
    }

    UsageMeter meter(Integer limit) {
      UsageMeter m = counters.meter("plan1", "key1");
      m.configure(
          limit == null
              ? null
              : QuotaRule.of(new UsagePlan.QuotaSettings(limit, 0, "DAY"), NOW.toEpochMilli()));
      return m;
    }

    int consume(UsageMeter m, int n) {
      int ok = 0;
      for (int i = 0; i < n; i++) {
        if (m.tryConsume(NOW.toEpochMilli())) {
          ok++;
        }
      }
      return ok;
    }
  }

  @BeforeEach
  void open() {
    db = TestDatabase.create();
    a.open();
    b.open();
  }

  @AfterEach
  void close() {
    a.store.close();
    b.store.close();
    db.close();
  }

  @Test
  void quotaOfTen_sixThroughA_thenBAdmitsFour_andBothSeeTenUsed() {
    UsageMeter onA = a.meter(10);
    UsageMeter onB = b.meter(10);
    assertThat(a.consume(onA, 6)).isEqualTo(6);
    a.flusher.flush();
    b.flusher.flush();
    assertThat(b.consume(onB, 10)).isEqualTo(4);
    b.flusher.flush();
    a.flusher.flush();
    assertThat(onA.remaining(NOW.toEpochMilli())).isZero();
    assertThat(a.consume(onA, 1)).isZero();
    assertThat(a.usage.read("plan1", "key1").orElseThrow().days())
        .containsEntry("2024-05-01", List.of(10L, 0L));
  }

  @Test
  void concurrentFlushesOfTwoNodes_noCountLost() throws Exception {
    UsageMeter onA = a.meter(null);
    UsageMeter onB = b.meter(null);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done =
          List.of(pool.submit(() -> run(go, a, onA)), pool.submit(() -> run(go, b, onB)));
      go.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(a.usage.read("plan1", "key1").orElseThrow().days().get("2024-05-01").get(0))
        .isEqualTo(2 * 300L);
  }

  private static Void run(CountDownLatch go, Node node, UsageMeter m) throws Exception {
    go.await();
    for (int i = 0; i < 30; i++) {
      node.consume(m, 10);
      node.flusher.flush();
    }
    return null;
  }
}
