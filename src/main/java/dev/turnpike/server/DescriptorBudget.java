package dev.turnpike.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How many data-plane connections the process's open-file limit allows (issue 22). Each client
 * connection may hold a backend connection too, so a data connection counts twice; the admin
 * listener's cap and a margin for everything else (the store, logs, jars, Lambda processes and
 * their pipes) are set aside first, so the admin listener still accepts when the data plane is
 * full. When the limit cannot hold the asked cap, the cap is lowered to what fits and a warning
 * says so, with the command that raises the limit.
 *
 * @param maxConnections the data-plane cap to apply
 * @param warning the line to print at start, or null when the limit is ample
 */
public record DescriptorBudget(int maxConnections, @Nullable String warning) {
  /** Descriptors kept for everything that is not a connection. */
  static final int MARGIN = 256;

  /** The fewest data connections Turnpike will run with, whatever the limit. */
  static final int FLOOR = 16;

  /** The budget for {@code asked} data connections under the current process's limit. */
  public static DescriptorBudget forThisProcess(int asked) {
    return of(asked, openFileLimit());
  }

  /** The budget under {@code limit} descriptors (empty: unknown, no budget applied). */
  static DescriptorBudget of(int asked, OptionalLong limit) {
    if (limit.isEmpty()) {
      return new DescriptorBudget(asked, null);
    }
    long fits = (limit.getAsLong() - MARGIN - ListenerLimits.ADMIN_MAX_CONNECTIONS) / 2;
    if (fits >= asked) {
      return new DescriptorBudget(asked, null);
    }
    int cap = (int) Math.max(FLOOR, fits);
    return new DescriptorBudget(
        cap,
        "turnpike: WARN the open-file limit is "
            + limit.getAsLong()
            + " (ulimit -n): the data plane will hold at most "
            + cap
            + " connections instead of "
            + asked
            + " (--max-connections; each may hold a backend connection too, and "
            + (MARGIN + ListenerLimits.ADMIN_MAX_CONNECTIONS)
            + " descriptors stay reserved for the admin listener, the store and logs). Raise it"
            + " with `ulimit -n 65536` before starting, or LimitNOFILE= in a systemd unit.");
  }

  /**
   * The soft open-file limit, from Linux's {@code /proc/self/limits} ("Max open files 1024 524288
   * files"); empty elsewhere or when unlimited. Read once, at start.
   */
  private static OptionalLong openFileLimit() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          String[] words = line.substring("Max open files".length()).trim().split("\\s+");
          return words[0].chars().allMatch(Character::isDigit)
              ? OptionalLong.of(Long.parseLong(words[0]))
              : OptionalLong.empty();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or unreadable: no budget
    }
    return OptionalLong.empty();
  }
}
