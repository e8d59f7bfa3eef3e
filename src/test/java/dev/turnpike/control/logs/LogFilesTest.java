package dev.turnpike.control.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.control.logs.LogFiles.LogEvent;
import dev.turnpike.control.logs.LogFiles.Position;
import dev.turnpike.control.logs.LogFiles.Verdict;
import dev.turnpike.control.logs.LogGroups.Kind;
import dev.turnpike.control.logs.LogGroups.LogGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's files read as one event sequence: rotated files first, times parsed back from the
 * execution log's lines, continuation lines kept with their event, and tokens that survive a
 * rotation (a rename) between two calls.
 */
class LogFilesTest {
  @TempDir Path dir;

  private LogGroup group() {
    return new LogGroup(
        "API-Gateway-Execution-Logs_abc/dev",
        Kind.EXECUTION,
        "dev",
        LogGroups.files(dir, "dev.log"));
  }

  @Test
  void scan_rotatedFilesFirst_timesParsed_continuationLinesJoined() throws Exception {
    Files.writeString(dir.resolve("dev.log.2"), "2026-12-07T10:00:00Z (r1) first\n");
    Files.writeString(dir.resolve("dev.log.1"), "2026-12-07T10:00:01.250Z (r2) body:\n{\"a\":1}\n");
    Files.writeString(dir.resolve("dev.log"), "2026-12-07T10:00:02Z (r3) third\n");
    LogFiles files = new LogFiles(group());
    List<LogEvent> events = new ArrayList<>();
    Position end =
        files.scan(
            files.start(),
            null,
            Long.MIN_VALUE,
            e -> {
              events.add(e);
              return Verdict.TAKE;
            });
    assertThat(end).isNull();
    assertThat(events)
        .extracting(LogEvent::message)
        .containsExactly("(r1) first", "(r2) body:\n{\"a\":1}", "(r3) third");
    assertThat(events)
        .extracting(LogEvent::timestamp)
        .containsExactly(1_796_637_600_000L, 1_796_637_601_250L, 1_796_637_602_000L);
  }

  @Test
  void token_survivesRotation() throws Exception {
    Files.writeString(
        dir.resolve("dev.log"), "2026-12-07T10:00:00Z (r1) one\n2026-12-07T10:00:01Z (r2) two\n");
    LogFiles before = new LogFiles(group());
    Position stop =
        before.scan(
            before.start(),
            null,
            Long.MIN_VALUE,
            e -> e.message().contains("two") ? Verdict.STOP : Verdict.TAKE);
    String token = before.encode(stop);
    // Rotation: the live file becomes dev.log.1 and a new dev.log starts.
    Files.move(dir.resolve("dev.log"), dir.resolve("dev.log.1"));
    Files.writeString(dir.resolve("dev.log"), "2026-12-07T10:00:02Z (r3) three\n");
    LogFiles after = new LogFiles(group());
    List<String> rest = new ArrayList<>();
    after.scan(
        after.decode(token),
        null,
        Long.MIN_VALUE,
        e -> {
          rest.add(e.message());
          return Verdict.TAKE;
        });
    assertThat(rest).containsExactly("(r2) two", "(r3) three");
  }

  @Test
  void lineStart_insideALine_movesToTheNextLine() throws Exception {
    String first = "2026-12-07T10:00:00Z (r1) one\n";
    Files.writeString(dir.resolve("dev.log"), first + "2026-12-07T10:00:01Z (r2) two\n");
    LogFiles files = new LogFiles(group());
    assertThat(files.lineStart(new Position(0, 5))).isEqualTo(new Position(0, first.length()));
    assertThat(files.lineStart(new Position(0, first.length())))
        .isEqualTo(new Position(0, first.length()));
    assertThat(files.lineStart(new Position(0, 0))).isEqualTo(new Position(0, 0));
  }
}
