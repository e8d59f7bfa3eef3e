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
    AccessLogFormat format = new AccessLogFormat();
    this.writer = new BackgroundWriter<>("turnpike-access-log", new BackgroundWriter.Sink<>() {
      private char[] chars = new char[512];

      @Override
      public void write(AccessLogEntry e) throws IOException {
        StringBuilder line = format.render(e);
        if (chars.length < line.length() + 1) {
          chars = new char[line.length() * 2 + 1];
        }
        // Copied into a reused array: the writer would otherwise make a String of every line.
        line.getChars(0, line.length(), chars, 0);
        chars[line.length()] = '\n';
        out.write(chars, 0, line.length() + 1);
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
