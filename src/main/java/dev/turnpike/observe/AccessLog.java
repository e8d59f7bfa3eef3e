package dev.turnpike.observe;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
    OutputStream out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND), 64 * 1024);
    AccessLogFormat format = new AccessLogFormat();
    LineBuffer line = new LineBuffer();
    this.writer = new BackgroundWriter<>("turnpike-access-log", new BackgroundWriter.Sink<>() {
      @Override
      public void write(AccessLogEntry e) throws IOException {
        line.reset();
        format.render(e, line);
        line.newline().writeTo(out);
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
