package dev.turnpike.observe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes one line per request to {@code <data-dir>/logs/access.log}: JSON with AWS's {@code $context} names by
 * default, or the stage's {@code accessLogSettings.format} with its {@code $context.x} variables substituted.
 *
 * <p>Threading: event loops only enqueue; formatting and writing happen on the {@link BackgroundWriter}'s thread.
 */
public final class AccessLog implements AutoCloseable {
  private final BackgroundWriter<AccessLogEntry> writer;

  public AccessLog(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    this.writer = new BackgroundWriter<>("turnpike-access-log", new BackgroundWriter.Sink<>() {
      @Override
      public void write(AccessLogEntry e) throws IOException {
        out.write(AccessLogFormat.render(e));
        out.write('\n');
      }

      @Override
      public void endBatch() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    });
  }

  /** Called on the event loop: never blocks. */
  public void log(AccessLogEntry entry) {
    writer.offer(entry);
  }

  public int dropped() {
    return writer.dropped();
  }

  /** Writes everything queued so far (tests and shutdown). */
  public void flush() {
    writer.flush();
  }

  @Override
  public void close() {
    writer.close();
  }
}
