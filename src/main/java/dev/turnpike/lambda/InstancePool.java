package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One function's instances: idle ones are reused (most recently used first, as a warm cache), new
 * ones are allowed up to the concurrency limit, and beyond it {@link #acquire} refuses. Methods
 * synchronize on the pool (briefly, never around I/O): callers are the invokers' threads, the
 * invoking event loop ({@link #acquire}) and the Runtime API's loop ({@link #giveBack}).
 */
final class InstancePool {
  private final FunctionSlots slots;
  private final ArrayDeque<FunctionInstance> idle = new ArrayDeque<>();
  private boolean retired;

  InstancePool(int limit) {
    this(new FunctionSlots(limit));
  }

  /** A version's pool drawing on its function's {@code slots}. */
  InstancePool(FunctionSlots slots) {
    this.slots = requireNonNull(slots, "slots");
  }

  /** A claim on one instance's slot: a warm instance, or none (start one), or refused. */
  record Lease(@Nullable FunctionInstance instance) {}

  /** Returns a lease, or null when {@code limit} invocations already run (throttle). */
  synchronized @Nullable Lease acquire() {
    if (retired || !slots.take()) {
      return null;
    }
    while (!idle.isEmpty()) {
      FunctionInstance warm = idle.pollFirst();
      if (warm.alive()) {
        return new Lease(warm);
      }
      warm.kill();
    }
    return new Lease(null);
  }

  /** Gives a healthy instance back for reuse. */
  void release(FunctionInstance instance) {
    if (!giveBack(instance)) {
      instance.kill();
    }
  }

  /**
   * As {@link #release}, but an instance the retired pool refuses is left to the caller to stop
   * (stopping reads {@code /proc}, which the Runtime API's loop must not): true when it is idle in
   * the pool again.
   */
  boolean giveBack(FunctionInstance instance) {
    requireNonNull(instance, "instance");
    slots.give();
    synchronized (this) {
      if (retired) {
        return false;
      }
      idle.addFirst(instance);
      return true;
    }
  }

  /** Frees the slot of an instance that failed (timed out, exited) or never started. */
  void discard(@Nullable FunctionInstance instance) {
    slots.give();
    if (instance != null) {
      instance.kill();
    }
  }

  /**
   * Stops the idle instances (busy ones are stopped when they come back); completes when their
   * output is in the log.
   */
  CompletableFuture<Void> retire() {
    List<FunctionInstance> stopping;
    synchronized (this) {
      retired = true;
      stopping = new ArrayList<>(idle);
      idle.clear();
    }
    return CompletableFuture.allOf(
        stopping.stream().map(FunctionInstance::kill).toArray(CompletableFuture[]::new));
  }
}
