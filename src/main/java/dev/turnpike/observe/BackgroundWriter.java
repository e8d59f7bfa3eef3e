package dev.turnpike.observe;

import java.io.IOException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mechanism behind every log file Turnpike writes from the request path: event loops only
 * enqueue (a lock-free queue, bounded by a counter: past {@value #MAX_PENDING} pending items new
 * ones are dropped and counted rather than blocking a request); one daemon thread hands the items
 * to a {@link Sink} every {@value #PERIOD_MILLIS} ms, on {@link #flush()} and on {@link #close()}.
 * I/O errors are counted as drops: disk trouble must not take the gateway down.
 */
final class BackgroundWriter<T> implements AutoCloseable {
  static final int MAX_PENDING = 100_000;

  /**
   * Queued items are alive at every young collection that finds them queued, and copied by it; at
   * 18,000 requests per second a 200 ms period kept 3,600 entries queued, so the period is short
   * (the cost is 40 wake-ups a second).
   */
  static final long PERIOD_MILLIS = 25;

  /**
   * Writes items; called on the writer thread only (or the thread that flushes), never
   * concurrently.
   */
  interface Sink<T> {
    void write(T item) throws IOException;

    /** After a batch: flush what was written. */
    void endBatch() throws IOException;

    /** On close, after the last batch. */
    void close() throws IOException;
  }

  private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();
  private final Sink<T> sink;
  private final Thread thread;
  private volatile boolean running = true;

  BackgroundWriter(String threadName, Sink<T> sink) {
    this.sink = sink;
    this.thread = new Thread(this::loop, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /** Called on the event loop: never blocks. */
  void offer(T item) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return;
    }
    queue.offer(item);
  }

  int dropped() {
    return dropped.get();
  }

  private void loop() {
    while (running) {
      flush();
      try {
        Thread.sleep(PERIOD_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Writes everything queued so far. */
  synchronized void flush() {
    T item;
    boolean wrote = false;
    while ((item = queue.poll()) != null) {
      pending.decrementAndGet();
      try {
        sink.write(item);
        wrote = true;
      } catch (IOException e) {
        dropped.incrementAndGet();
      }
    }
    if (wrote) {
      try {
        sink.endBatch();
      } catch (IOException e) {
        dropped.incrementAndGet();
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    thread.interrupt();
    flush();
    try {
      sink.close();
    } catch (IOException ignored) {
      // nothing more to write
    }
  }
}
