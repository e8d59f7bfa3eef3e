package dev.turnpike.lambda;

/**
 * A function's concurrency: how many of its invocations may run at once across all its versions
 * (reserved concurrency is the function's, not a version's). Each version's {@link InstancePool}
 * takes a slot per invocation and gives it back when the instance is released or discarded.
 */
final class FunctionSlots {
  private final int limit;
  private int busy; // guarded by this

  FunctionSlots(int limit) {
    if (limit < 0) { // 0: every invoke throttled (a reserved concurrency of 0 stops a function)
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
    }
    this.limit = limit;
  }

  /** Takes a slot, or false when {@code limit} invocations already run (throttle). */
  synchronized boolean take() {
    if (busy >= limit) {
      return false;
    }
    busy++;
    return true;
  }

  synchronized void give() {
    busy--;
  }
}
