package dev.turnpike.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size cap every log file shares: rotation order, the files kept, an operator moving the file
 * away.
 */
class RotatingFileTest {
  @TempDir Path dir;

  private static void append(RotatingFile f, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    f.append(b, b.length);
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  @Test
  void aFullFileShiftsToOne_olderOnesMoveUp_theOldestBeyondKeepIsDeleted() throws IOException {
    try (RotatingFile f = RotatingFile.named(dir, "x.log", "", new LogLimits(10, 2))) {
      for (String chunk :
          new String[] {"aaaaaaaaaa\n", "bbbbbbbbbb\n", "cccccccccc\n", "dddddddddd\n"}) {
        append(f, chunk); // each chunk alone passes the cap, so the next append rotates first
      }
    }
    assertThat(read("x.log")).isEqualTo("dddddddddd\n");
    assertThat(read("x.log.1")).isEqualTo("cccccccccc\n");
    assertThat(read("x.log.2")).isEqualTo("bbbbbbbbbb\n");
    assertThat(dir.resolve("x.log.3")).doesNotExist();
  }

  @Test
  void appendsBelowTheCapShareAFile_theCapIsCheckedBeforeEachAppend() throws IOException {
    try (RotatingFile f = RotatingFile.named(dir, "decisions", ".jsonl", new LogLimits(8, 1))) {
      append(f, "1234\n");
      append(f, "5678\n"); // 5 bytes < 8: same file, which now passes the cap by this append
      append(f, "9\n");
    }
    assertThat(read("decisions.1.jsonl")).isEqualTo("1234\n5678\n");
    assertThat(read("decisions.jsonl")).isEqualTo("9\n");
  }

  @Test
  void keepZero_aFullFileIsDeleted() throws IOException {
    try (RotatingFile f = RotatingFile.named(dir, "x.log", "", new LogLimits(4, 0))) {
      append(f, "first\n");
      append(f, "second\n");
    }
    assertThat(read("x.log")).isEqualTo("second\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("x.log");
    }
  }

  @Test
  void aFileThatAlreadyHoldsBytesCountsThem_afterARestart() throws IOException {
    Files.writeString(dir.resolve("x.log"), "from the last run\n");
    try (RotatingFile f = RotatingFile.named(dir, "x.log", "", new LogLimits(10, 1))) {
      append(f, "new\n");
    }
    assertThat(read("x.log.1")).isEqualTo("from the last run\n");
    assertThat(read("x.log")).isEqualTo("new\n");
  }

  @Test
  void aFileMovedAwayByLogrotate_keepsItsLines_andTheNextAppendStartsANewOne() throws IOException {
    try (RotatingFile f = RotatingFile.named(dir, "x.log", "", new LogLimits(1000, 1))) {
      append(f, "before\n");
      Files.move(dir.resolve("x.log"), dir.resolve("x.log-20261206"));
      append(f, "after\n");
    }
    assertThat(read("x.log-20261206")).isEqualTo("before\n");
    assertThat(read("x.log")).isEqualTo("after\n");
  }

  @Test
  void aBatchIsAppendedWholeAndEmptied() throws IOException {
    ByteBatch batch = new ByteBatch();
    try (RotatingFile f = RotatingFile.named(dir, "x.log", "", new LogLimits(1000, 1))) {
      batch.writeBytes("one\ntwo\n".getBytes(StandardCharsets.UTF_8));
      f.append(batch);
      assertThat(batch.size()).isZero();
      f.append(batch); // nothing to write
    }
    assertThat(read("x.log")).isEqualTo("one\ntwo\n");
  }

  @Test
  void aBatchIsFullAtItsDrainSize() {
    ByteBatch small = new ByteBatch(10);
    small.writeBytes(new byte[9]);
    assertThat(small.full()).isFalse();
    small.write(0);
    assertThat(small.full()).isTrue();
    ByteBatch busy = new ByteBatch();
    busy.writeBytes(new byte[ByteBatch.DRAIN_BYTES - 1]);
    assertThat(busy.full()).isFalse();
  }

  @Test
  void nonsenseLimitsAreRefused() {
    assertThatThrownBy(() -> new LogLimits(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 byte");
    assertThatThrownBy(() -> new LogLimits(1, -1)).hasMessageContaining("kept at least 0");
  }
}
