package dev.turnpike.observe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Execution logs, the file form of CloudWatch's {@code API-Gateway-Execution-Logs_{apiId}/{stage}}: one file per
 * stage at {@code <dir>/{apiId}/{stage}.log}, one line per event: {@code <ISO-8601 time> (<requestId>) <message>}.
 * Messages longer than 1,024 bytes are cut and end in {@code [TRUNCATED]}, as CloudWatch events are.
 *
 * <p>Threading: event loops only enqueue (lock-free, bounded; beyond {@value #MAX_PENDING} pending lines new ones are
 * dropped and counted); a daemon thread writes every 200 ms and on {@link #close()}.
 */
public final class ExecutionLog implements AutoCloseable {
  private static final int MAX_PENDING = 100_000;
  private static final int MAX_MESSAGE = 1024;

  private final @Nullable Path dir;
  private final ConcurrentLinkedQueue<Line> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final Map<String, BufferedWriter> files = new HashMap<>();
  private final @Nullable Thread writer;
  private volatile boolean running = true;

  private ExecutionLog(@Nullable Path dir) {
    this.dir = dir;
    if (dir == null) {
      writer = null;
      return;
    }
    writer = new Thread(this::loop, "turnpike-execution-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** Writes under {@code dir} (usually {@code <data-dir>/logs/execution}). */
  public static ExecutionLog to(Path dir) {
    return new ExecutionLog(dir);
  }

  /** Discards everything (tests, embedding without a data directory). */
  public static ExecutionLog disabled() {
    return new ExecutionLog(null);
  }

  /** Called on the event loop: never blocks. */
  public void log(String apiId, String stage, long epochMillis, String requestId, String message) {
    if (dir == null) {
      return;
    }
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(new Line(apiId, stage, epochMillis, requestId, message));
  }

  public int dropped() {
    return dropped.get();
  }

  private void loop() {
    while (running) {
      drain();
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private synchronized void drain() {
    Line l;
    Map<String, BufferedWriter> touched = new HashMap<>();
    while ((l = queue.poll()) != null) {
      pending.decrementAndGet();
      try {
        String key = l.apiId() + "/" + l.stage();
        BufferedWriter out = files.get(key);
        if (out == null) {
          Path file = dir.resolve(safe(l.apiId())).resolve(safe(l.stage()) + ".log");
          Files.createDirectories(file.getParent());
          out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
          files.put(key, out);
        }
        out.write(Instant.ofEpochMilli(l.epochMillis()).toString());
        out.write(" (");
        out.write(l.requestId());
        out.write(") ");
        out.write(truncate(l.message()));
        out.write('\n');
        touched.put(key, out);
      } catch (IOException e) {
        dropped.incrementAndGet(); // disk trouble must not take the gateway down; the count tells
      }
    }
    for (BufferedWriter out : touched.values()) {
      try {
        out.flush();
      } catch (IOException e) {
        dropped.incrementAndGet();
      }
    }
  }

  private static String truncate(String message) {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_MESSAGE) {
      return message;
    }
    return new String(bytes, 0, MAX_MESSAGE, StandardCharsets.UTF_8) + " [TRUNCATED]";
  }

  /** Ids and stage names are [A-Za-z0-9_-]; anything else must not reach the file system as a path. */
  private static String safe(String s) {
    return s.replaceAll("[^A-Za-z0-9_\\-]", "_");
  }

  /** Writes everything queued so far (tests and shutdown). */
  public void flush() {
    if (dir != null) {
      drain();
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (writer != null) {
      writer.interrupt();
    }
    flush();
    for (BufferedWriter out : files.values()) {
      try {
        out.close();
      } catch (IOException ignored) {
        // nothing more to write
      }
    }
    files.clear();
  }

  private record Line(String apiId, String stage, long epochMillis, String requestId, String message) {}
}
