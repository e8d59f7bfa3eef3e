package dev.turnpike.counters;

/** A source of monotonic nanoseconds for token buckets; injected so tests drive time. */
@FunctionalInterface
public interface Ticker {
  long read();

  static Ticker system() {
    return System::nanoTime;
  }
}
