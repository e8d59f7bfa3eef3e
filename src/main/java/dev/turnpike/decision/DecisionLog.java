package dev.turnpike.decision;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.observe.ByteBatch;
import dev.turnpike.observe.LogLimits;
import dev.turnpike.observe.RotatingFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decision records: the in-memory {@link DecisionRing} (the request path only adds to it) and a
 * background thread ({@code turnpike-decisions}) that appends new records as JSON lines to {@code
 * <dir>/decisions.jsonl} every 25 ms through a {@link RotatingFile} (kept open, rotated to {@code
 * decisions.1.jsonl … decisions.<keep>.jsonl} when it passes {@code maxBytes}, so the directory
 * holds about {@code (keep + 1) × maxBytes} at most).
 */
public final class DecisionLog implements AutoCloseable {
  /**
   * Records kept in memory until the spiller has them. Every record the ring holds is alive at each
   * young GC and gets copied, so the ring is sized to what the spiller needs, not to "recent
   * history" (that is on disk), and the spiller lets go of what it wrote: with 10,000 records kept,
   * S10's young pauses were 11-20 ms and its p99 9 ms; with 100, 1.5-3.3 ms (docs/performance.md).
   * 4,096 slots cover {@link #FLUSH_MILLIS} at up to about 160,000 requests per second before a
   * record could be overwritten unspilled.
   */
  public static final int DEFAULT_CAPACITY = 4_096;

  /**
   * How often the spiller appends new records to the file; {@code explain} finds older ones there.
   */
  static final long FLUSH_MILLIS = 25;

  public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
  public static final int DEFAULT_KEEP = 4;
  static final String CURRENT = "decisions.jsonl";

  private final DecisionRing ring;
  private final @Nullable Path dir;
  private final @Nullable RotatingFile spill;
  private final @Nullable Thread writer;
  private volatile boolean closed;
  // The writer's state, guarded by this object's lock.
  private long spilled;
  private final ByteBatch buffer = new ByteBatch();
  private @Nullable JsonGenerator generator;
  private @Nullable IOException failure;
  private final Consumer<DecisionRecord> sink = this::spillOne;

  private DecisionLog(int capacity, @Nullable Path dir, long maxBytes, int keep) {
    this.ring = new DecisionRing(capacity);
    this.dir = dir;
    this.spill =
        dir == null
            ? null
            : RotatingFile.named(dir, "decisions", ".jsonl", new LogLimits(maxBytes, keep));
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

  public static DecisionLog spillingTo(Path dir, int capacity, long maxBytes, int keep)
      throws IOException {
    Files.createDirectories(dir);
    return new DecisionLog(capacity, dir, maxBytes, keep);
  }

  /** On the event loop: one atomic increment and a store. */
  public void add(DecisionRecord r) {
    ring.add(r);
  }

  /**
   * From memory, else from the spilled files. The ring lets go of records as they are spilled, so a
   * record can be in neither for a moment (handed to the writer, not yet on disk): flushing first
   * puts it on disk.
   */
  public @Nullable DecisionRecord find(String requestId) {
    DecisionRecord r = ring.find(requestId);
    if (r == null && dir != null) {
      flush();
      r = findInFiles(dir, requestId);
    }
    return r;
  }

  public DecisionRing ring() {
    return ring;
  }

  /**
   * Searches the spill files, newest first (used by {@code turnpike explain} when the server is
   * down).
   */
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
        Thread.sleep(FLUSH_MILLIS);
      } catch (InterruptedException e) {
        break;
      }
      flush();
    }
    flush();
  }

  /**
   * Writes what arrived since the last flush; visible for tests. Each record is streamed by {@link
   * DecisionJson#write} into one reused buffer (no tree, no String), which goes to the open spill
   * file whenever it is {@link ByteBatch#full() full} and at the end. A failed write loses that
   * batch, as a full disk would.
   */
  public synchronized void flush() {
    if (spill == null) {
      return;
    }
    failure = null;
    spilled = ring.drain(spilled, sink);
    try {
      if (failure == null) {
        drain();
      }
    } catch (IOException e) {
      failure = e;
    }
    if (failure != null) {
      System.err.println(
          "turnpike: cannot write decision records to " + spill.path() + ": " + failure);
      buffer.reset();
      generator = null; // may hold half a record
    }
  }

  private void spillOne(DecisionRecord r) {
    if (failure != null) {
      return; // this batch is lost; skip the rest of it cheaply
    }
    try {
      JsonGenerator g = generator;
      if (g == null) {
        g = DecisionJson.MAPPER.getFactory().createGenerator(buffer, JsonEncoding.UTF8);
        g.setRootValueSeparator(null); // records are separated by the newline written below
        generator = g;
      }
      DecisionJson.write(g, r);
      g.writeRaw('\n');
      if (buffer.full()) {
        drain();
      }
    } catch (IOException | RuntimeException e) {
      failure = e instanceof IOException io ? io : new IOException(e);
    }
  }

  private void drain() throws IOException {
    if (generator != null) {
      generator.flush();
    }
    requireNonNull(spill, "spill").append(buffer); // flush() returns early without one
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
    synchronized (this) {
      flush();
      if (spill != null) {
        spill.close();
      }
    }
  }
}
