package dev.turnpike.observe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes one line per request to {@code <data-dir>/logs/access.log}: JSON with AWS's {@code $context} names by
 * default, or the stage's {@code accessLogSettings.format} with its {@code $context.x} variables substituted.
 *
 * <p>Threading: event loops only enqueue (a lock-free queue, bounded by a counter: when the writer falls behind by
 * more than {@value #MAX_PENDING} lines, new lines are dropped and counted rather than blocking a request). A
 * daemon thread formats and writes, flushing at least every 200 ms and on {@link #close()}.
 */
public final class AccessLog implements AutoCloseable {
  private static final int MAX_PENDING = 100_000;

  private final ConcurrentLinkedQueue<AccessLogEntry> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final BufferedWriter out;
  private final Thread writer;
  private volatile boolean running = true;

  public AccessLog(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    this.writer = new Thread(this::drainLoop, "turnpike-access-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** Called on the event loop: never blocks. */
  public void log(AccessLogEntry entry) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(entry);
  }

  public int dropped() {
    return dropped.get();
  }

  private void drainLoop() {
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
    AccessLogEntry e;
    boolean wrote = false;
    try {
      while ((e = queue.poll()) != null) {
        pending.decrementAndGet();
        out.write(AccessLogFormat.render(e));
        out.write('\n');
        wrote = true;
      }
      if (wrote) {
        out.flush();
      }
    } catch (IOException ex) {
      dropped.incrementAndGet(); // disk trouble must not take the gateway down; the count tells
    }
  }

  /** Writes everything queued so far (tests and shutdown). */
  public void flush() {
    drain();
  }

  @Override
  public void close() {
    running = false;
    writer.interrupt();
    drain();
    try {
      out.close();
    } catch (IOException ignored) {
      // nothing more to write
    }
  }
}
