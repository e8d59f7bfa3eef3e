package dev.turnpike.counters;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Shared throttles on the machine's Redis (localhost:6379; {@code TURNPIKE_TEST_REDIS} overrides),
 * each test under a key prefix of its own. "Nodes" are {@link RedisCounters} instances, as each
 * Turnpike process has one.
 */
class RedisCountersTest {
  static final String REDIS =
      "redis://" + System.getenv().getOrDefault("TURNPIKE_TEST_REDIS", "localhost:6379");
  final String prefix = "turnpike-test-" + UUID.randomUUID() + ":";
  final List<String> log = new CopyOnWriteArrayList<>();
  final List<RedisCounters> nodes = new ArrayList<>();

  RedisCounters node(String uri, int nodesWhenUnknown) {
    RedisCounters c =
        Counters.redis(
            uri,
            new LeasePolicy(Duration.ofMillis(50), nodesWhenUnknown, prefix),
            Ticker.system(),
            Clock.systemUTC(),
            log::add);
    nodes.add(c);
    return c;
  }

  @AfterEach
  void close() {
    nodes.forEach(RedisCounters::close);
  }

  /** Spins on the limiter until the deadline; how many it admitted. */
  static Thread spin(Limiter limiter, long deadlineNanos, AtomicLong admitted) {
    Thread t =
        new Thread(
            () -> {
              while (System.nanoTime() < deadlineNanos) {
                if (limiter.tryAcquire()) {
                  admitted.incrementAndGet();
                } else {
                  LockSupport.parkNanos(100_000); // leave the CPU to the nodes' refill threads
                }
              }
            });
    t.start();
    return t;
  }

  @Test
  void twoNodes_bucketWithoutRefill_admitExactlyTheBurstTogether() throws Exception {
    // rate 0: nothing refills, so the cluster may admit the burst and not one request more.
    Limiter a = node(REDIS, 1).limiter("stage/x", 0, 100);
    Limiter b = node(REDIS, 1).limiter("stage/x", 0, 100);
    AtomicLong admittedA = new AtomicLong();
    AtomicLong admittedB = new AtomicLong();
    long deadline = System.nanoTime() + Duration.ofMillis(1500).toNanos();
    Thread ta = spin(a, deadline, admittedA);
    Thread tb = spin(b, deadline, admittedB);
    ta.join();
    tb.join();
    assertThat(log).as("no fail-open during the run").isEmpty();
    assertThat(admittedA.get() + admittedB.get()).isEqualTo(100);
    assertThat(admittedA.get()).isPositive();
    assertThat(admittedB.get()).isPositive();
  }

  @Test
  void threeNodes_atFullSpeed_stayWithinTheStatedBound() throws Exception {
    // Bound (docs/cluster.md): admitted in T <= burst + rate*T + sum of leases held at the start
    // of the window; a lease is at most the burst, so N*burst is the loosest form of it.
    double rate = 200;
    int burst = 20;
    List<Limiter> limiters = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      limiters.add(node(REDIS, 1).limiter("plan/p/key/k", rate, burst));
    }
    List<AtomicLong> counts = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(2).toNanos();
    for (Limiter l : limiters) {
      AtomicLong n = new AtomicLong();
      counts.add(n);
      threads.add(spin(l, deadline, n));
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long admitted = counts.stream().mapToLong(AtomicLong::get).sum();
    double limit = burst + rate * seconds;
    System.out.printf(
        "RedisCountersTest: 3 nodes, rate %.0f burst %d, %.2f s: admitted %d, limit %.0f"
            + " (%.1f%%)%n",
        rate, burst, seconds, admitted, limit, 100.0 * admitted / limit);
    assertThat(log).as("no fail-open during the run").isEmpty();
    assertThat((double) admitted).isLessThanOrEqualTo(limit + 3 * burst);
    // and not far under either: each node under-admits by at most a lease
    assertThat((double) admitted).isGreaterThan(rate * seconds * 0.8);
  }

  @Test
  void redisUnreachable_failsOpenAtTheNodesShare_andSaysSo() throws Exception {
    RedisCounters down = node("redis://127.0.0.1:1", 2);
    Limiter l = down.limiter("account/1", 0.001, 10);
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!down.failingOpen() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(down.failingOpen()).isTrue();
    int admitted = 0;
    for (int i = 0; i < 20; i++) {
      admitted += l.tryAcquire() ? 1 : 0;
    }
    assertThat(admitted).isEqualTo(5); // burst 10, two nodes: this node's share is 5
    assertThat(log)
        .anyMatch(line -> line.startsWith("turnpike: WARN counters: Redis at 127.0.0.1:1"))
        .anyMatch(line -> line.contains("failing open"));
  }

  @Test
  void close_handsUnspentLeaseBack_toTheOtherNodes() throws Exception {
    RedisCounters first = node(REDIS, 1);
    Limiter a = first.limiter("stage/y", 0, 50);
    // let the first node lease, spend 3 tokens, then shut down gracefully
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    int spent = 0;
    while (spent < 3 && System.nanoTime() < deadline) {
      if (a.tryAcquire()) {
        spent++;
      }
    }
    assertThat(spent).isEqualTo(3);
    first.close();
    Limiter b = node(REDIS, 1).limiter("stage/y", 0, 50);
    AtomicLong admitted = new AtomicLong();
    spin(b, System.nanoTime() + Duration.ofMillis(1000).toNanos(), admitted).join();
    assertThat(admitted.get()).isEqualTo(47);
  }
}
