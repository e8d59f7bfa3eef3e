package dev.turnpike.observe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Execution logs, the file form of CloudWatch's {@code API-Gateway-Execution-Logs_{apiId}/{stage}}:
 * one file per stage at {@code <dir>/{apiId}/{stage}.log}, one line per event: {@code <ISO-8601
 * time> (<requestId>) <message>}. Messages longer than 1,024 bytes are cut and end in {@code
 * [TRUNCATED]}, as CloudWatch events are.
 *
 * <p>Threading: event loops only enqueue; files are opened and written on the {@link
 * BackgroundWriter}'s thread.
 */
public final class ExecutionLog implements AutoCloseable {
  private static final int MAX_MESSAGE = 1024;

  /**
   * Each stage's file has its own batch: 16 KiB (+ 8 KiB slack) each, as its buffered writer took
   * before.
   */
  private static final int STAGE_BATCH_BYTES = 16 * 1024;

  private final @Nullable BackgroundWriter<Line> writer;

  private ExecutionLog(@Nullable BackgroundWriter<Line> writer) {
    this.writer = writer;
  }

  /**
   * Writes under {@code dir} (usually {@code <data-dir>/logs/execution}), each stage's file rotated
   * by limits.
   */
  public static ExecutionLog to(Path dir, LogLimits limits) {
    return new ExecutionLog(
        new BackgroundWriter<>("turnpike-execution-log", new StageFiles(dir, limits)));
  }

  /** Discards everything (tests, embedding without a data directory). */
  public static ExecutionLog disabled() {
    return new ExecutionLog(null);
  }

  /** Called on the event loop: never blocks. */
  public void log(String apiId, String stage, long epochMillis, String requestId, String message) {
    if (writer != null) {
      writer.offer(new Line(apiId, stage, epochMillis, requestId, message));
    }
  }

  public int dropped() {
    return writer == null ? 0 : writer.dropped();
  }

  /** Writes everything queued so far (tests and shutdown). */
  public void flush() {
    if (writer != null) {
      writer.flush();
    }
  }

  @Override
  public void close() {
    if (writer != null) {
      writer.close();
    }
  }

  private static String truncate(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_MESSAGE) {
      return message;
    }
    return new String(bytes, 0, MAX_MESSAGE, StandardCharsets.UTF_8) + " [TRUNCATED]";
  }

  /**
   * Ids and stage names are [A-Za-z0-9_-]; anything else must not reach the file system as a path.
   */
  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_\\-]", "_");
  }

  private record Line(
      String apiId, String stage, long epochMillis, String requestId, String message) {}

  /**
   * One file per stage, opened on first use and kept open, each rotated by the {@link LogLimits};
   * lines gather in the stage's batch and go to its file at the end of every writer batch. Only the
   * writer thread touches them.
   */
  private static final class StageFiles implements BackgroundWriter.Sink<Line> {
    private final Path dir;
    private final LogLimits limits;
    private final Map<String, StageFile> open = new HashMap<>();

    StageFiles(Path dir, LogLimits limits) {
      this.dir = dir;
      this.limits = limits;
    }

    @Override
    public void write(Line l) throws IOException {
      String key = l.apiId() + "/" + l.stage();
      StageFile f = open.get(key);
      if (f == null) {
        // The stage's directory is made by the file's first append.
        Path file = dir.resolve(safe(l.apiId())).resolve(safe(l.stage()) + ".log");
        f = new StageFile(limits.file(file), new ByteBatch(STAGE_BATCH_BYTES));
        open.put(key, f);
      }
      String text =
          Instant.ofEpochMilli(l.epochMillis())
              + " ("
              + l.requestId()
              + ") "
              + truncate(l.message())
              + "\n";
      f.batch().writeBytes(text.getBytes(StandardCharsets.UTF_8));
      if (f.batch().full()) {
        f.file().append(f.batch());
      }
    }

    @Override
    public void endBatch() throws IOException {
      IOException failed = null;
      for (StageFile f : open.values()) {
        try {
          f.file().append(f.batch());
        } catch (IOException e) {
          failed = e; // the other stages' lines still go out
        }
      }
      if (failed != null) {
        throw failed;
      }
    }

    @Override
    public void close() throws IOException {
      try {
        endBatch();
      } finally {
        for (StageFile f : open.values()) {
          f.file().close();
        }
        open.clear();
      }
    }
  }

  private record StageFile(RotatingFile file, ByteBatch batch) {}
}
