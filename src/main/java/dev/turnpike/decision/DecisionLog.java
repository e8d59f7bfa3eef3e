package dev.turnpike.decision;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decision records: the in-memory {@link DecisionRing} (the request path only adds to it) and a background thread
 * ({@code turnpike-decisions}) that appends new records as JSON lines to {@code <dir>/decisions.jsonl} every 200 ms,
 * rotating to {@code decisions.1.jsonl … decisions.<keep>.jsonl} when the file passes {@code maxBytes}, so the
 * directory holds about {@code (keep + 1) × maxBytes} at most (a file passes the cap by at most one batch).
 */
public final class DecisionLog implements AutoCloseable {
  public static final int DEFAULT_CAPACITY = 10_000;
  public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 4;
  static final String CURRENT = "decisions.jsonl";

  private final DecisionRing ring;
  private final @Nullable Path dir;
  private final long maxBytes;
  private final int keep;
  private final @Nullable Thread writer;
  private volatile boolean closed;
  private long spilled;

  private DecisionLog(int capacity, @Nullable Path dir, long maxBytes, int keep) {
    this.ring = new DecisionRing(capacity);
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.keep = keep;
    if (dir != null) {
      writer = new Thread(this::runWriter, "turnpike-decisions");
      writer.setDaemon(true);
      writer.start();
    } else {
      writer = null;
    }
  }

  /** Records kept in memory only (tests, tools). */
  public static DecisionLog inMemory(int capacity) {
    return new DecisionLog(capacity, null, 0, 0);
  }

  public static DecisionLog spillingTo(Path dir, int capacity, long maxBytes, int keep) throws IOException {
    Files.createDirectories(dir);
    return new DecisionLog(capacity, dir, maxBytes, keep);
  }

  /** On the event loop: one atomic increment and a store. */
  public void add(DecisionRecord r) {
    ring.add(r);
  }

  /** From memory, else from the spilled files. */
  public @Nullable DecisionRecord find(String requestId) {
    DecisionRecord r = ring.find(requestId);
    if (r == null && dir != null) {
      r = findInFiles(dir, requestId);
    }
    return r;
  }

  public DecisionRing ring() {
    return ring;
  }

  /** Searches the spill files, newest first (used by {@code turnpike explain} when the server is down). */
  public static @Nullable DecisionRecord findInFiles(Path dir, String requestId) {
    List<Path> files = new ArrayList<>();
    files.add(dir.resolve(CURRENT));
    for (int i = 1; i <= 64; i++) {
      Path p = dir.resolve("decisions." + i + ".jsonl");
      if (!Files.exists(p)) {
        break;
      }
      files.add(p);
    }
    String needle = "\"requestId\":\"" + requestId + "\"";
    for (Path f : files) {
      if (!Files.exists(f)) {
        continue;
      }
      DecisionRecord found = null;
      try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.contains(needle)) {
            JsonNode n = DecisionJson.MAPPER.readTree(line);
            found = DecisionJson.fromJson(n); // the last one in the file wins
          }
        }
      } catch (IOException e) {
        continue;
      }
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private void runWriter() {
    while (!closed) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        break;
      }
      flush();
    }
    flush();
  }

  /** Writes what arrived since the last flush; visible for tests. */
  public synchronized void flush() {
    if (dir == null) {
      return;
    }
    StringBuilder b = new StringBuilder();
    spilled = ring.since(spilled, r -> b.append(DecisionJson.toJson(r)).append('\n'));
    if (b.length() == 0) {
      return;
    }
    Path current = dir.resolve(CURRENT);
    try {
      if (Files.exists(current) && Files.size(current) >= maxBytes) {
        rotate();
      }
      try (OutputStream out = Files.newOutputStream(current, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        out.write(b.toString().getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      System.err.println("turnpike: cannot write decision records to " + current + ": " + e);
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
      Files.move(dir.resolve(CURRENT), dir.resolve("decisions.1.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(dir.resolve(CURRENT));
    }
  }

  @Override
  public void close() {
    closed = true;
    if (writer != null) {
      writer.interrupt();
      try {
        writer.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush();
  }
}
