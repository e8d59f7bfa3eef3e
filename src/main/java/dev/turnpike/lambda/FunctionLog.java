package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import dev.turnpike.observe.LogLimits;
import dev.turnpike.observe.RotatingFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A function's log, {@code <logsDir>/{function}.log}, in CloudWatch's shape: {@code START}, the
 * runtime's own lines, {@code END}, and the tab-separated {@code REPORT} ({@code Init Duration}
 * only on a cold start). Appends are whole lines under the object's monitor; the instances' output
 * pumps and the invoking threads share it, never an event loop.
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
 */
final class FunctionLog {
  private final RotatingFile file;
  private boolean dirCreated;
  private boolean closed;

  FunctionLog(Path file) {
    this(file, LogLimits.DEFAULT);
  }

  FunctionLog(Path file, LogLimits limits) {
    Path name = requireNonNull(file, "file").getFileName();
    Path dir = requireNonNull(file.getParent(), "logs dir");
    this.file = RotatingFile.named(dir, String.valueOf(name), "", limits);
  }

  static String start(String requestId, String version) {
    return "START RequestId: " + requestId + " Version: " + version + "\n";
  }

  static String end(String requestId) {
    return "END RequestId: " + requestId + "\n";
  }

  static String report(
      String requestId,
      double durationMs,
      int memoryMb,
      long maxMemoryUsedMb,
      @Nullable Double initDurationMs) {
    StringBuilder b =
        new StringBuilder("REPORT RequestId: ")
            .append(requestId)
            .append("\tDuration: ")
            .append(String.format(Locale.ROOT, "%.2f", durationMs))
            .append(" ms\tBilled Duration: ")
            .append((long) Math.max(1, Math.ceil(durationMs)))
            .append(" ms\tMemory Size: ")
            .append(memoryMb)
            .append(" MB\tMax Memory Used: ")
            .append(maxMemoryUsedMb)
            .append(" MB\t");
    if (initDurationMs != null) {
      b.append("Init Duration: ")
          .append(String.format(Locale.ROOT, "%.2f", initDurationMs))
          .append(" ms\t");
    }
    return b.append('\n').toString();
  }

  /**
   * Appends whole lines (each ending in a newline) to the file, kept open between appends and
   * rotated at the log limits as every Turnpike log is (so a chatty function cannot fill the disk).
   */
  synchronized void append(String lines) {
    if (closed) {
      return; // Turnpike is stopping: nothing may recreate the file
    }
    byte[] bytes = lines.getBytes(StandardCharsets.UTF_8);
    try {
      if (!dirCreated) {
        Files.createDirectories(requireNonNull(file.path().getParent(), "logs dir"));
        dirCreated = true;
      }
      file.append(bytes, bytes.length);
    } catch (IOException e) {
      dirCreated = false; // the directory may have gone: make it again next time
      throw new UncheckedIOException("cannot append to " + file.path(), e);
    }
  }

  /** Closes the file for good: later appends are dropped. */
  synchronized void close() {
    closed = true;
    file.close();
  }
}
