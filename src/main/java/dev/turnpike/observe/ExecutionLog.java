package dev.turnpike.observe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Execution logs, the file form of CloudWatch's {@code API-Gateway-Execution-Logs_{apiId}/{stage}}: one file per
 * stage at {@code <dir>/{apiId}/{stage}.log}, one line per event: {@code <ISO-8601 time> (<requestId>) <message>}.
 * Messages longer than 1,024 bytes are cut and end in {@code [TRUNCATED]}, as CloudWatch events are.
 *
 * <p>Threading: event loops only enqueue; files are opened and written on the {@link BackgroundWriter}'s thread.
 */
public final class ExecutionLog implements AutoCloseable {
  private static final int MAX_MESSAGE = 1024;

  private final @Nullable BackgroundWriter<Line> writer;

  private ExecutionLog(@Nullable Path dir) {
    this.writer = dir == null ? null : new BackgroundWriter<>("turnpike-execution-log", new StageFiles(dir));
  }

  /** Writes under {@code dir} (usually {@code <data-dir>/logs/execution}). */
  public static ExecutionLog to(Path dir) {
    return new ExecutionLog(dir);
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

  /** Ids and stage names are [A-Za-z0-9_-]; anything else must not reach the file system as a path. */
  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_\\-]", "_");
  }

  private record Line(String apiId, String stage, long epochMillis, String requestId, String message) {}

  /** One file per stage, opened on first use and kept open; only the writer thread touches it. */
  private static final class StageFiles implements BackgroundWriter.Sink<Line> {
    private final Path dir;
    private final Map<String, BufferedWriter> open = new HashMap<>();
    private final Map<String, BufferedWriter> touched = new HashMap<>();

    StageFiles(Path dir) {
      this.dir = dir;
    }

    @Override
    public void write(Line l) throws IOException {
      String key = l.apiId() + "/" + l.stage();
      BufferedWriter out = open.get(key);
      if (out == null) {
        Path file = dir.resolve(safe(l.apiId())).resolve(safe(l.stage()) + ".log");
        Files.createDirectories(file.getParent());
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
        open.put(key, out);
      }
      out.write(Instant.ofEpochMilli(l.epochMillis()).toString());
      out.write(" (");
      out.write(l.requestId());
      out.write(") ");
      out.write(truncate(l.message()));
      out.write('\n');
      touched.put(key, out);
    }

    @Override
    public void endBatch() throws IOException {
      try {
        for (BufferedWriter out : touched.values()) {
          out.flush();
        }
      } finally {
        touched.clear();
      }
    }

    @Override
    public void close() throws IOException {
      for (BufferedWriter out : open.values()) {
        out.close();
      }
      open.clear();
    }
  }
}
