package dev.turnpike.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming spill writer: the lines it writes are byte for byte what the tree writer wrote
 * before (golden lines in {@code decision/golden-records.jsonl}, rendered by the previous
 * implementation), they read back through {@link DecisionJson#fromJson} to the same record, and the
 * spill file survives rotation and an operator deleting it.
 */
class DecisionSpillTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static List<String> golden() throws Exception {
    try (InputStream in =
        DecisionSpillTest.class.getResourceAsStream("/decision/golden-records.jsonl")) {
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
    }
  }

  private static List<String> lines(Path f) throws Exception {
    return Files.readAllLines(f, StandardCharsets.UTF_8);
  }

  @Test
  void spillLinesAndAdminJsonAreUnchangedForEveryOptionalPart() throws Exception {
    List<DecisionRecord> records = DecisionFixtures.all();
    try (DecisionLog log = DecisionLog.spillingTo(dir, 100, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      records.forEach(log::add);
      log.flush();
      assertEquals(golden(), lines(dir.resolve("decisions.jsonl")));
    }
    for (int i = 0; i < records.size(); i++) {
      assertEquals(
          golden().get(i),
          DecisionJson.toJson(records.get(i)).toString(),
          records.get(i).requestId());
    }
  }

  @Test
  void everyRecordRoundTripsThroughFromJson() throws Exception {
    try (DecisionLog log = DecisionLog.spillingTo(dir, 100, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      DecisionFixtures.all().forEach(log::add);
      log.flush();
    }
    List<String> lines = lines(dir.resolve("decisions.jsonl"));
    List<DecisionRecord> records = DecisionFixtures.all();
    assertEquals(records.size(), lines.size());
    for (int i = 0; i < records.size(); i++) {
      DecisionRecord want = records.get(i);
      assertEquals(want, DecisionJson.fromJson(JSON.readTree(lines.get(i))), want.requestId());
      assertEquals(want, DecisionLog.findInFiles(dir, want.requestId()), want.requestId());
    }
  }

  @Test
  void aRecordTheRingLetGoOfIsFoundOnDisk() throws Exception {
    try (DecisionLog log = DecisionLog.spillingTo(dir, 100, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      log.add(DecisionRingTest.rec("spilled-1"));
      log.flush();
      assertEquals(null, log.ring().find("spilled-1"));
      DecisionRecord found = log.find("spilled-1");
      assertNotNull(found);
      assertEquals("/prod/x", found.rawPath());
      log.add(DecisionRingTest.rec("not-yet-1"));
      assertNotNull(log.find("not-yet-1")); // in the ring or, if the writer ran meanwhile, on disk
    }
  }

  @Test
  void aBatchLargerThanTheBufferIsWrittenWhole() throws Exception {
    String longPath = "/prod/" + "p".repeat(2000);
    int n = dev.turnpike.observe.ByteBatch.DRAIN_BYTES / 1000 + 50; // well past one drain
    try (DecisionLog log = DecisionLog.spillingTo(dir, 1000, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      for (int i = 0; i < n; i++) {
        log.add(
            new DecisionRecord(
                "big-" + i,
                1L,
                "127.0.0.1",
                "HTTP/1.1",
                "GET",
                longPath,
                null,
                null,
                false,
                null,
                null,
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
                0,
                404,
                null,
                Cause.UNKNOWN_HOST,
                null));
      }
      log.flush();
    }
    List<String> lines = lines(dir.resolve("decisions.jsonl"));
    assertEquals(n, lines.size());
    for (int i = 0; i < n; i++) {
      assertEquals("big-" + i, DecisionJson.fromJson(JSON.readTree(lines.get(i))).requestId());
    }
  }

  @Test
  void rotationStillCapsTheFiles() throws Exception {
    long maxBytes = 4000;
    int keep = 2;
    int perBatch = 3;
    long lineBytes;
    try (DecisionLog log = DecisionLog.spillingTo(dir, 1000, maxBytes, keep)) {
      for (int batch = 0; batch < 40; batch++) {
        for (int i = 0; i < perBatch; i++) {
          log.add(DecisionRingTest.rec("rot-" + batch + "-" + i));
        }
        log.flush();
      }
      lineBytes = DecisionJson.toJson(DecisionRingTest.rec("rot-39-2")).toString().length() + 1;
    }
    assertTrue(Files.exists(dir.resolve("decisions.jsonl")));
    assertTrue(Files.exists(dir.resolve("decisions.1.jsonl")));
    assertTrue(Files.exists(dir.resolve("decisions.2.jsonl")));
    assertFalse(Files.exists(dir.resolve("decisions.3.jsonl")));
    for (String f : List.of("decisions.jsonl", "decisions.1.jsonl", "decisions.2.jsonl")) {
      // a file passes the cap by at most one batch (the background writer may have split ours,
      // never merged them)
      assertTrue(
          Files.size(dir.resolve(f)) < maxBytes + perBatch * lineBytes,
          f + " " + Files.size(dir.resolve(f)));
      for (String line : lines(dir.resolve(f))) {
        assertTrue(DecisionJson.fromJson(JSON.readTree(line)).requestId().startsWith("rot-"));
      }
    }
    assertNotNull(DecisionLog.findInFiles(dir, "rot-39-2"));
    assertEquals(List.of("rot-39-2"), lastId(dir.resolve("decisions.jsonl")));
  }

  private static List<String> lastId(Path f) throws Exception {
    List<String> l = lines(f);
    return List.of(DecisionJson.fromJson(JSON.readTree(l.get(l.size() - 1))).requestId());
  }

  @Test
  void aDeletedSpillFileIsRecreated() throws Exception {
    Path current = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.spillingTo(dir, 100, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      log.add(DecisionRingTest.rec("before"));
      log.flush();
      assertEquals(1, lines(current).size());
      Files.delete(current);
      log.add(DecisionRingTest.rec("after"));
      log.flush();
      assertTrue(Files.exists(current), "recreated");
      List<String> ids = new ArrayList<>();
      for (String line : lines(current)) {
        ids.add(DecisionJson.fromJson(JSON.readTree(line)).requestId());
      }
      assertEquals(List.of("after"), ids);
      assertNotNull(DecisionLog.findInFiles(dir, "after"));
    }
  }

  @Test
  void aSpillFileMovedAwayKeepsItsLinesAndANewOneIsStarted() throws Exception {
    Path current = dir.resolve("decisions.jsonl");
    Path archived = dir.resolve("archived.jsonl");
    try (DecisionLog log = DecisionLog.spillingTo(dir, 100, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      log.add(DecisionRingTest.rec("old"));
      log.flush();
      Files.move(current, archived);
      log.add(DecisionRingTest.rec("new"));
      log.flush();
    }
    assertEquals(1, lines(archived).size());
    assertEquals(List.of("new"), lastId(current));
    assertEquals(1, lines(current).size());
  }

  @Test
  void aSpillFileReplacedByAnotherFileIsFollowed() throws Exception {
    Path current = dir.resolve("decisions.jsonl");
    try (DecisionLog log = DecisionLog.spillingTo(dir, 100, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      log.add(DecisionRingTest.rec("old"));
      log.flush();
      Files.move(current, dir.resolve("archived.jsonl"));
      Files.createFile(current); // e.g. an operator truncating by replacing the file
      log.add(DecisionRingTest.rec("new"));
      log.flush();
    }
    assertEquals(List.of("new"), lastId(current));
    assertEquals(1, lines(current).size());
  }

  @Test
  void aDeletedDirectoryIsRecreated() throws Exception {
    Path sub = dir.resolve("decisions");
    try (DecisionLog log = DecisionLog.spillingTo(sub, 100, DecisionLog.DEFAULT_MAX_BYTES, 2)) {
      log.add(DecisionRingTest.rec("one"));
      log.flush();
      Files.delete(sub.resolve("decisions.jsonl"));
      Files.delete(sub);
      log.add(DecisionRingTest.rec("two"));
      log.flush();
      assertEquals(List.of("two"), lastId(sub.resolve("decisions.jsonl")));
    }
  }
}
