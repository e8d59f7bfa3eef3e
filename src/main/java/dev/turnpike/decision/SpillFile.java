package dev.turnpike.decision;

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
import org.jspecify.annotations.Nullable;

/**
 * The current spill file {@code <dir>/decisions.jsonl}, kept open between flushes (reopening it at every flush cost
 * three system calls and a channel per flush). Rotates to {@code decisions.1.jsonl … decisions.<keep>.jsonl} once
 * the file has reached {@code maxBytes}, checked before each append, so a file passes the cap by at most one append.
 * An operator may delete or move the file at any time: before each append the path is checked to still name the
 * open file (same file key), and if it does not, the next append goes to a fresh file at the path. Used by the
 * writer thread only (under {@link DecisionLog}'s lock).
 */
final class SpillFile implements AutoCloseable {
  private final Path dir;
  private final Path current;
  private final long maxBytes;
  private final int keep;
  private @Nullable FileChannel channel;
  private @Nullable Object fileKey;
  private long size;

  SpillFile(Path dir, long maxBytes, int keep) {
    this.dir = dir;
    this.current = dir.resolve(DecisionLog.CURRENT);
    this.maxBytes = maxBytes;
    this.keep = keep;
  }

  Path path() {
    return current;
  }

  /** Appends {@code len} bytes of {@code buf}; on failure the file is closed and the next append reopens it. */
  void append(byte[] buf, int len) throws IOException {
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
        size += channel.write(bb);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private void open() throws IOException {
    Files.createDirectories(dir); // the operator may have removed the directory too
    FileChannel c = FileChannel.open(current, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
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

  /** One stat per flush: is the open file still the one at the path (not deleted, moved away or replaced)? */
  private boolean stillAtPath() throws IOException {
    try {
      Object key = Files.readAttributes(current, BasicFileAttributes.class).fileKey();
      return key == null || Objects.equals(key, fileKey); // no file keys on this platform: trust the path
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private void rotate() throws IOException {
    Files.deleteIfExists(dir.resolve("decisions." + keep + ".jsonl"));
    for (int i = keep - 1; i >= 1; i--) {
      Path from = dir.resolve("decisions." + i + ".jsonl");
      if (Files.exists(from)) {
        Files.move(from, dir.resolve("decisions." + (i + 1) + ".jsonl"), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (keep >= 1) {
      Files.move(current, dir.resolve("decisions.1.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(current);
    }
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
