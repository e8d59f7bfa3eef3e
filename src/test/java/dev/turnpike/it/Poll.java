package dev.turnpike.it;

import java.time.Duration;
import java.util.function.Predicate;

/** A bounded wait for a condition on something observed again and again (no fixed sleeps). */
final class Poll {
  /** What produces the observation; may throw. */
  @FunctionalInterface
  interface Probe<T> {
    T get() throws Exception;
  }

  private Poll() {}

  /**
   * Observes until {@code done} holds or {@code within} passes; returns the last observation either
   * way.
   */
  static <T> T until(Duration within, Probe<T> probe, Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    T last = probe.get();
    while (!done.test(last) && System.nanoTime() < deadline) {
      Thread.sleep(20);
      last = probe.get();
    }
    return last;
  }
}
