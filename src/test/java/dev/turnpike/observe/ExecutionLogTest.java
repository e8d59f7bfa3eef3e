package dev.turnpike.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Execution-log files: one per stage, CloudWatch's line shape, each rotated by the log limits. */
class ExecutionLogTest {
  @TempDir Path dir;

  @Test
  void log_linesPerStage_inCloudWatchShape() throws IOException {
    try (ExecutionLog log = ExecutionLog.to(dir, LogLimits.DEFAULT)) {
      log.log("abc123", "dev", 1_714_557_600_000L, "req-1", "Method completed with status: 200");
      log.log("abc123", "prod", 1_714_557_600_001L, "req-2", "x".repeat(2000));
      log.flush();
    }
    assertThat(Files.readAllLines(dir.resolve("abc123/dev.log"), StandardCharsets.UTF_8))
        .containsExactly("2024-05-01T10:00:00Z (req-1) Method completed with status: 200");
    assertThat(Files.readAllLines(dir.resolve("abc123/prod.log"), StandardCharsets.UTF_8))
        .containsExactly("2024-05-01T10:00:00.001Z (req-2) " + "x".repeat(1024) + " [TRUNCATED]");
  }

  @Test
  void log_aStagesFilePastTheCap_rotates_andKeepsOnlyTheNewestFiles() throws IOException {
    try (ExecutionLog log = ExecutionLog.to(dir, new LogLimits(1_000, 1))) {
      for (int i = 0; i < 100; i++) {
        log.log("abc123", "dev", 0, "req-" + i, "Method request path: {}");
        log.flush();
      }
    }
    Path stage = dir.resolve("abc123");
    assertThat(stage.resolve("dev.log.2")).doesNotExist();
    List<String> lines =
        new ArrayList<>(Files.readAllLines(stage.resolve("dev.log.1"), StandardCharsets.UTF_8));
    lines.addAll(Files.readAllLines(stage.resolve("dev.log"), StandardCharsets.UTF_8));
    assertThat(Files.size(stage.resolve("dev.log.1"))).isLessThan(1_000 + 100);
    assertThat(lines.get(lines.size() - 1))
        .isEqualTo("1970-01-01T00:00:00Z (req-99) Method request path: {}");
    assertThat(lines).allMatch(l -> l.endsWith(") Method request path: {}")).hasSizeLessThan(100);
  }
}
