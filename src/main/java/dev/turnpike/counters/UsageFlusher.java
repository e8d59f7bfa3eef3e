package dev.turnpike.counters;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes usage durable and shared: restores the meters from the sink at start-up, then, at most once
 * a period on its own daemon thread ({@code turnpike-usage}), never on an event loop, and once more
 * on {@link #close()}, adds what each meter counted since to the sink's shared totals and lets the
 * meter adopt them. A {@code kill -9} loses at most the last period's counts.
 *
 * <p>Besides the meters that counted something, a flush reads the totals of every meter whose quota
 * is used up (another node's UpdateUsage may have given it more) and, every {@code refreshEvery}
 * flushes, of every meter with a quota, so a node that has not served a key for a while learns what
 * the others counted. With one node ({@code refreshEvery} 0: the embedded store, which no other
 * node writes) nothing is refreshed and the totals are its own counts.
 */
public final class UsageFlusher implements AutoCloseable {
  private final Counters counters;
  private final UsageSink sink;
  private final long periodMillis;
  private final int refreshEvery;
  private final Consumer<Exception> onError;
  private final Thread thread;
  private volatile boolean running = true;
  private long flushes;

  public UsageFlusher(
      Counters counters, UsageSink sink, long periodMillis, Consumer<Exception> onError) {
    this(counters, sink, periodMillis, 0, onError);
  }

  public UsageFlusher(
      Counters counters,
      UsageSink sink,
      long periodMillis,
      int refreshEvery,
      Consumer<Exception> onError) {
    this.counters = requireNonNull(counters, "counters");
    this.sink = requireNonNull(sink, "sink");
    this.periodMillis = periodMillis;
    this.refreshEvery = refreshEvery;
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

  /**
   * Adds every meter's counts since the last flush to the shared totals and adopts the totals (also
   * of the meters refreshed this time).
   */
  public synchronized void flush() {
    long now = counters.clock().millis();
    boolean shared = refreshEvery > 0;
    boolean refreshAll = shared && ++flushes % refreshEvery == 0;
    List<UsageMeter> meters = new ArrayList<>();
    List<UsageMeter.Drained> drained = new ArrayList<>();
    for (UsageMeter m : counters.meters()) {
      boolean refresh = shared && (m.exhausted(now) || (refreshAll && m.quota() != null));
      UsageMeter.Drained d = m.drain(now, refresh);
      if (d != null) {
        meters.add(m);
        drained.add(d);
      }
    }
    if (drained.isEmpty()) {
      return;
    }
    List<UsageDelta> deltas = new ArrayList<>(drained.size());
    for (UsageMeter.Drained d : drained) {
      deltas.add(d.delta);
    }
    List<UsageSample> totals;
    try {
      totals = sink.add(deltas);
    } catch (RuntimeException e) {
      for (int i = 0; i < meters.size(); i++) {
        meters.get(i).undrain(drained.get(i)); // the next flush sends these counts again
      }
      onError.accept(e);
      return;
    }
    for (int i = 0; i < meters.size(); i++) {
      meters.get(i).rebase(totals.get(i));
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
