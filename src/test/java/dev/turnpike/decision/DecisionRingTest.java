package dev.turnpike.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionRingTest {
  static DecisionRecord rec(String id) {
    return new DecisionRecord(
        id,
        1_700_000_000_000L,
        "127.0.0.1",
        "HTTP/1.1",
        "GET",
        "/prod/x",
        "h",
        "host",
        false,
        "a1",
        "prod",
        null,
        null,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        0,
        -1,
        3,
        403,
        "MissingAuthenticationTokenException",
        Cause.NO_ROUTE,
        null);
  }

  @Test
  void keepsTheLastNAndFindsById() {
    DecisionRing ring = new DecisionRing(4);
    for (int i = 0; i < 10; i++) {
      ring.add(rec("r" + i));
    }
    assertEquals(10, ring.written());
    assertNull(ring.find("r5"));
    assertNotNull(ring.find("r6"));
    assertNotNull(ring.find("r9"));
  }

  @Test
  void drainHandsOverEachRecordOnceAndSkipsOverwritten() {
    DecisionRing ring = new DecisionRing(4);
    List<String> seen = new ArrayList<>();
    ring.add(rec("a"));
    ring.add(rec("b"));
    long next = ring.drain(0, r -> seen.add(r.requestId()));
    assertEquals(List.of("a", "b"), seen);
    for (int i = 0; i < 6; i++) {
      ring.add(rec("c" + i));
    }
    seen.clear();
    next = ring.drain(next, r -> seen.add(r.requestId()));
    assertEquals(List.of("c2", "c3", "c4", "c5"), seen);
    assertEquals(8, next);
  }

  @Test
  void drainLetsGoOfWhatItHandedOverAndKeepsWhatCameAfter() {
    DecisionRing ring = new DecisionRing(4);
    List<String> seen = new ArrayList<>();
    ring.add(rec("a"));
    ring.add(rec("b"));
    long next = ring.drain(0, r -> seen.add(r.requestId()));
    assertEquals(List.of("a", "b"), seen);
    assertNull(ring.find("a"));
    assertNull(ring.find("b"));
    ring.add(rec("c"));
    assertNotNull(ring.find("c"));
    seen.clear();
    assertEquals(3, ring.drain(next, r -> seen.add(r.requestId())));
    assertEquals(List.of("c"), seen);
  }

  @Test
  void concurrentWritersLoseNothingWithinCapacity() throws Exception {
    DecisionRing ring = new DecisionRing(8 * 1000);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int id = t;
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 1000; i++) {
                  ring.add(rec(id + "-" + i));
                }
              });
      th.start();
      threads.add(th);
    }
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    assertNotNull(ring.find("7-999"));
    AtomicInteger count = new AtomicInteger();
    ring.drain(0, r -> count.incrementAndGet());
    assertEquals(8000, count.get());
  }

  @Test
  void spillsRotatesAndFindsInFiles(@TempDir Path dir) throws Exception {
    try (DecisionLog log = DecisionLog.spillingTo(dir, 16, 2_000, 2)) {
      for (int i = 0; i < 60; i++) {
        log.add(rec("s" + i));
        if (i % 5 == 4) {
          log.flush();
        }
      }
    }
    assertTrue(Files.exists(dir.resolve("decisions.jsonl")));
    assertTrue(Files.exists(dir.resolve("decisions.1.jsonl")));
    assertTrue(!Files.exists(dir.resolve("decisions.3.jsonl")), "keeps at most 2 rotated files");
    try (var files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertTrue(all.size() <= 3, all.toString());
      for (Path p : all) {
        // a file is rotated once it reaches the cap, so it exceeds it by at most one batch (5
        // records here)
        assertTrue(Files.size(p) < 2_000 + 5 * 800, p + " " + Files.size(p));
      }
    }
    assertNotNull(DecisionLog.findInFiles(dir, "s59"));
    assertNull(DecisionLog.findInFiles(dir, "s0"), "the oldest was rotated away");
  }
}
