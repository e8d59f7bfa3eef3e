package dev.turnpike.observe;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A log file with a size cap: every file Turnpike appends to from the request path (the access log,
 * execution logs, the decision records) goes through one of these, so none grows without bound.
 * Kept open between appends (reopening it per batch cost three system calls and a channel); once
 * the file has reached {@code maxBytes}, checked before each append, it is renamed to {@code
 * numbered(1)}, the older ones shift up to {@code numbered(keep)} and the oldest is deleted, so a
 * file passes the cap by at most one append and the set holds about {@code (keep + 1) × maxBytes}.
 * Callers append whole lines, so a line is never split across two files.
 *
 * <p>An operator may delete, move or replace the file at any time (logrotate's default create mode,
 * an archive script): before each append the path is checked to still name the open file (same file
 * key), and if it does not, the append goes to a fresh file at the path. Not thread-safe: each file
 * has one writer thread.
 */
public final class RotatingFile implements AutoCloseable {
  private final Path current;
  private final IntFunction<Path> numbered;
  private final long maxBytes;
  private final int keep;
  private @Nullable FileChannel channel;
  private @Nullable Object fileKey;
  private long size;

  /**
   * @param numbered the name of the {@code i}-th older file, 1 being the newest
   */
  public RotatingFile(Path current, IntFunction<Path> numbered, LogLimits limits) {
    this.current = current;
    this.numbered = numbered;
    this.maxBytes = limits.maxBytes();
    this.keep = limits.keep();
  }

  /**
   * Rotated files named {@code <stem>.<i><ext>} next to {@code <stem><ext>}: {@code
   * decisions.jsonl} → {@code decisions.1.jsonl}; with an empty {@code ext}, {@code access.log} →
   * {@code access.log.1}.
   */
  public static RotatingFile named(Path dir, String stem, String ext, LogLimits limits) {
    return new RotatingFile(
        dir.resolve(stem + ext), i -> dir.resolve(stem + "." + i + ext), limits);
  }

  public Path path() {
    return current;
  }

  /**
   * Appends {@code len} bytes of {@code buf}; on failure the file is closed and the next append
   * reopens it.
   */
  public void append(byte[] buf, int len) throws IOException {
    try {
      if (channel != null && !stillAtPath()) {
        close();
      }
      if (channel == null) {
        open();
      }
      if (size >= maxBytes) {
        close();
        rotate();
        open();
      }
      ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
      while (bb.hasRemaining()) {
        size += requireNonNull(channel, "channel").write(bb); // opened above
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Appends what {@code batch} holds and empties it (also when the write fails: that batch is
   * lost).
   */
  public void append(ByteBatch batch) throws IOException {
    try {
      if (batch.size() > 0) {
        append(batch.array(), batch.size());
      }
    } finally {
      batch.reset();
    }
  }

  private void open() throws IOException {
    Files.createDirectories(
        current.toAbsolutePath().getParent()); // the operator may have removed the directory
    FileChannel c =
        FileChannel.open(
            current,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
    try {
      fileKey = Files.readAttributes(current, BasicFileAttributes.class).fileKey();
      size = c.size();
    } catch (IOException e) {
      c.close();
      throw e;
    }
    channel = c;
  }

  /**
   * One stat per append: is the open file still the one at the path (not deleted, moved away or
   * replaced)?
   */
  private boolean stillAtPath() throws IOException {
    try {
      Object key = Files.readAttributes(current, BasicFileAttributes.class).fileKey();
      return key == null
          || Objects.equals(key, fileKey); // no file keys on this platform: trust the path
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private void rotate() throws IOException {
    if (keep == 0) {
      Files.delete(current);
      return;
    }
    Files.deleteIfExists(numbered.apply(keep));
    for (int i = keep - 1; i >= 1; i--) {
      Path from = numbered.apply(i);
      if (Files.exists(from)) {
        Files.move(from, numbered.apply(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(current, numbered.apply(1), StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    FileChannel c = channel;
    channel = null;
    fileKey = null;
    size = 0;
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        // nothing was buffered in the channel; a failed close loses nothing
      }
    }
  }
}
