package dev.turnpike.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A log line for an event an attacker can repeat at will (refused connections, HTTP/2 floods): at
 * most one line per interval, carrying how many events it stands for, so a flood never becomes a
 * flood of log lines. Lock-free; safe from any event loop.
 */
final class RareLog {
  private final long intervalNanos;
  private final Consumer<String> out;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong lastLine;

  private final LongSupplier nanoTime;

  RareLog(long intervalNanos, Consumer<String> out) {
    this(intervalNanos, out, System::nanoTime);
  }

  /** With the clock of the interval given (tests). */
  RareLog(long intervalNanos, Consumer<String> out, LongSupplier nanoTime) {
    this.intervalNanos = intervalNanos;
    this.out = out;
    this.nanoTime = nanoTime;
    this.lastLine = new AtomicLong(nanoTime.getAsLong() - intervalNanos);
  }

  /** Counts one event; writes {@code line + " (N since the last line)"} when one is due. */
  void event(String line) {
    events.incrementAndGet();
    long now = nanoTime.getAsLong();
    long last = lastLine.get();
    if (now - last >= intervalNanos && lastLine.compareAndSet(last, now)) {
      long since = events.getAndSet(0);
      out.accept(
          line + " (" + since + (since == 1 ? " time" : " times") + " since the last such line)");
    }
  }
}
