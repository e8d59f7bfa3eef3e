package dev.turnpike.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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

  RareLog(long intervalNanos, Consumer<String> out) {
    this.intervalNanos = intervalNanos;
    this.out = out;
    this.lastLine = new AtomicLong(System.nanoTime() - intervalNanos);
  }

  /** Counts one event; writes {@code line + " (N since the last line)"} when one is due. */
  void event(String line) {
    events.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLine.get();
    if (now - last >= intervalNanos && lastLine.compareAndSet(last, now)) {
      long since = events.getAndSet(0);
      out.accept(
          line + " (" + since + (since == 1 ? " time" : " times") + " since the last such line)");
    }
  }
}
