package dev.turnpike.counters;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes usage durable: restores the meters from the sink at start-up, then writes changed meters at
 * most once a second on its own daemon thread ({@code turnpike-usage}), never on an event loop, and
 * once more on {@link #close()}. A {@code kill -9} loses at most the last second of counts.
 */
public final class UsageFlusher implements AutoCloseable {
  private final Counters counters;
  private final UsageSink sink;
  private final long periodMillis;
  private final Consumer<Exception> onError;
  private final Thread thread;
  private volatile boolean running = true;

  public UsageFlusher(
      Counters counters, UsageSink sink, long periodMillis, Consumer<Exception> onError) {
    this.counters = requireNonNull(counters, "counters");
    this.sink = requireNonNull(sink, "sink");
    this.periodMillis = periodMillis;
    this.onError = requireNonNull(onError, "onError");
    this.thread = new Thread(this::loop, "turnpike-usage");
    thread.setDaemon(true);
  }

  /** Restores persisted counts; call before serving. */
  public void restore() {
    for (UsageSample s : sink.load()) {
      counters
          .meter(s.planId(), s.keyId())
          .restore(s.periodIndex(), s.periodUsed(), s.day(), s.dayUsed());
    }
  }

  public void start() {
    thread.start();
  }

  private void loop() {
    while (running) {
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
      flush();
    }
  }

  /** Writes every meter that changed since the last flush. */
  public synchronized void flush() {
    long now = counters.clock().millis();
    List<UsageSample> changed = new ArrayList<>();
    for (UsageMeter m : counters.meters()) {
      UsageSample s = m.drainChanges(now);
      if (s != null) {
        changed.add(s);
      }
    }
    if (changed.isEmpty()) {
      return;
    }
    try {
      sink.write(changed);
    } catch (RuntimeException e) {
      onError.accept(e); // the counts stay in memory; the next change writes them again
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
