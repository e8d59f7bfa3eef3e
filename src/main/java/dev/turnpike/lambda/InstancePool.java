package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One function's instances: idle ones are reused (most recently used first, as a warm cache), new
 * ones are allowed up to the concurrency limit, and beyond it {@link #acquire} refuses. Methods
 * synchronize on the pool; callers are the invoker's threads, never an event loop.
 */
final class InstancePool {
  private final int limit;
  private final ArrayDeque<FunctionInstance> idle = new ArrayDeque<>();
  private int busy;
  private boolean retired;

  InstancePool(int limit) {
    if (limit < 0) { // 0: every invoke throttled (a reserved concurrency of 0 stops a function)
      throw new IllegalArgumentException("limit: " + limit + " (expected: >= 0)");
    }
    this.limit = limit;
  }

  /** A claim on one instance's slot: a warm instance, or none (start one), or refused. */
  record Lease(@Nullable FunctionInstance instance) {}

  /** Returns a lease, or null when {@code limit} invocations already run (throttle). */
  synchronized @Nullable Lease acquire() {
    if (retired) {
      return null;
    }
    while (!idle.isEmpty()) {
      FunctionInstance warm = idle.pollFirst();
      if (warm.alive()) {
        busy++;
        return new Lease(warm);
      }
      warm.kill();
    }
    if (busy >= limit) {
      return null;
    }
    busy++;
    return new Lease(null);
  }

  /** Gives a healthy instance back for reuse. */
  void release(FunctionInstance instance) {
    requireNonNull(instance, "instance");
    boolean keep;
    synchronized (this) {
      busy--;
      keep = !retired;
      if (keep) {
        idle.addFirst(instance);
      }
    }
    if (!keep) {
      instance.kill();
    }
  }

  /** Frees the slot of an instance that failed (timed out, exited) or never started. */
  void discard(@Nullable FunctionInstance instance) {
    synchronized (this) {
      busy--;
    }
    if (instance != null) {
      instance.kill();
    }
  }

  /** Stops the idle instances; busy ones are stopped when they come back. */
  void retire() {
    List<FunctionInstance> stopping;
    synchronized (this) {
      retired = true;
      stopping = new ArrayList<>(idle);
      idle.clear();
    }
    stopping.forEach(FunctionInstance::kill);
  }
}
