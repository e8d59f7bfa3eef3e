package dev.turnpike.observe;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How large a log file may grow: it is rotated once it reaches {@code maxBytes}, and {@code keep}
 * rotated files are kept beside it. The access log and each execution log use {@code serve
 * --log-max-bytes} and {@code --log-keep}; the decision records their own (8 MiB, 4 kept).
 */
public record LogLimits(long maxBytes, int keep) {
  /**
   * 100 MiB × (5 + 1) = 600 MiB per log at most. The access log takes about 400 bytes per request,
   * so this holds the last 1.5 million requests: 25 minutes at 1,000 requests per second.
   */
  public static final LogLimits DEFAULT = new LogLimits(100L * 1024 * 1024, 5);

  public LogLimits {
    if (maxBytes < 1 || keep < 0) {
      throw new IllegalArgumentException(
          "a log's size cap must be at least 1 byte and the rotated files kept at "
              + "least 0, got "
              + maxBytes
              + " and "
              + keep);
    }
  }

  /**
   * {@code access.log} and its rotated {@code access.log.1 … access.log.<keep>}, as logrotate names
   * them.
   */
  RotatingFile file(Path path) {
    return RotatingFile.named(
        requireNonNull(path.toAbsolutePath().getParent(), "parent"),
        path.getFileName().toString(),
        "",
        this);
  }
}
