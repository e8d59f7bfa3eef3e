package dev.turnpike.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests under way on the data listeners together (issue 22, load shedding): past {@code max}, a
 * new request is answered at once with 503 {@code {"message":"Service Unavailable"}} and its
 * connection closed, instead of queueing behind the rest and letting every latency grow. One
 * counter for all event loops: an increment when a request starts and a decrement when its answer
 * is written, no lock. With HTTP/1.1 a connection has one request under way, so the default (the
 * connection cap's default) sheds only HTTP/2 multiplexing or a lowered {@code --max-in-flight}.
 */
final class InFlightLimit {
  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();

  InFlightLimit(int max) {
    if (max <= 0) {
      throw new IllegalArgumentException("max in flight: " + max + " (expected: > 0)");
    }
    this.max = max;
  }

  /** Counts one more request under way, or false (counting nothing) when {@code max} are. */
  boolean tryAcquire() {
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    inFlight.decrementAndGet();
  }

  int inFlight() {
    return inFlight.get();
  }
}
