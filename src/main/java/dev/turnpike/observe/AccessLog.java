package dev.turnpike.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one line per request to {@code <data-dir>/logs/access.log}: JSON with AWS's {@code
 * $context} names by default, or the stage's {@code accessLogSettings.format} with its {@code
 * $context.x} variables substituted. The file is rotated by size ({@link LogLimits}) and followed
 * if an operator moves or deletes it.
 *
 * <p>Threading: event loops only enqueue; formatting and writing happen on the {@link
 * BackgroundWriter}'s thread.
 */
public final class AccessLog implements AutoCloseable {
  private final BackgroundWriter<AccessLogEntry> writer;

  /** Writes to {@code file}, rotated by {@code limits} ({@code access.log.1 …}). */
  public AccessLog(Path file, LogLimits limits) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    RotatingFile out = limits.file(file);
    AccessLogFormat format = new AccessLogFormat();
    LineBuffer lines = new LineBuffer();
    this.writer =
        new BackgroundWriter<>(
            "turnpike-access-log",
            new BackgroundWriter.Sink<>() {
              @Override
              public void write(AccessLogEntry e) throws IOException {
                format.render(e, lines);
                lines.newline();
                if (lines.length() >= ByteBatch.DRAIN_BYTES) {
                  lines.appendTo(out);
                }
              }

              @Override
              public void endBatch() throws IOException {
                lines.appendTo(out);
              }

              @Override
              public void close() throws IOException {
                try {
                  lines.appendTo(out);
                } finally {
                  out.close();
                }
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
