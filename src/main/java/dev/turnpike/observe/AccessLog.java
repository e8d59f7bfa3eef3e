package dev.turnpike.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one line per request to {@code <data-dir>/logs/access.log} (and the stage's line to its
 * {@code destinationArn}'s log group, {@link AccessLogGroups}): JSON with AWS's {@code $context}
 * names by default, or the stage's {@code accessLogSettings.format} with its {@code $context.x}
 * variables substituted. The file is rotated by size ({@link LogLimits}) and followed if an
 * operator moves or deletes it.
 *
 * <p>Threading: event loops only enqueue; formatting and writing happen on the {@link
 * BackgroundWriter}'s thread.
 */
public final class AccessLog implements AutoCloseable {
  private final BackgroundWriter<AccessLogEntry> writer;

  /** Writes to {@code file}, rotated by {@code limits} ({@code access.log.1 …}). */
  public AccessLog(Path file, LogLimits limits) throws IOException {
    this(file, file.toAbsolutePath().resolveSibling("access"), limits);
  }

  /**
   * Writes to {@code file} and, for the stages whose {@code accessLogSettings.destinationArn} names
   * a log group, also to that group's file under {@code groupsDir} ({@link AccessLogGroups}).
   */
  public AccessLog(Path file, Path groupsDir, LogLimits limits) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    RotatingFile out = limits.file(file);
    AccessLogFormat format = new AccessLogFormat();
    LineBuffer lines = new LineBuffer();
    AccessLogGroups groups = new AccessLogGroups(groupsDir, limits);
    this.writer =
        new BackgroundWriter<>(
            "turnpike-access-log",
            new BackgroundWriter.Sink<>() {
              @Override
              public void write(AccessLogEntry e) throws IOException {
                int start = lines.length();
                format.render(e, lines);
                lines.newline();
                groups.add(e.destinationArn(), e.requestTimeEpoch(), lines, start);
                if (lines.length() >= ByteBatch.DRAIN_BYTES) {
                  lines.appendTo(out);
                }
              }

              @Override
              public void endBatch() throws IOException {
                try {
                  lines.appendTo(out);
                } finally {
                  groups.flush();
                }
              }

              @Override
              public void close() throws IOException {
                try {
                  lines.appendTo(out);
                } finally {
                  try {
                    out.close();
                  } finally {
                    groups.close();
                  }
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
