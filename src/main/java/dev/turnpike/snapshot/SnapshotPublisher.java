package dev.turnpike.snapshot;

import dev.turnpike.store.ConfigStore;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Holds the current {@link GatewaySnapshot} and replaces it when configuration changes.
 *
 * <p>Threading: the request path only reads {@link #current()} (a volatile read, no lock). Rebuilds
 * run on one dedicated thread: immediately when the control plane reports a commit ({@link
 * #requestRebuild()}, coalesced), and on a poll of the store's revision counter so writes by other
 * nodes sharing the store are picked up too. Connections are never touched: a request in flight
 * keeps the snapshot it started with.
 */
public final class SnapshotPublisher implements AutoCloseable {
  private static final long POLL_MILLIS = 250;

  private final ConfigStore store;
  private final SnapshotCompiler compiler;
  private final Consumer<Throwable> onError;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "turnpike-snapshot");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean rebuildPending = new AtomicBoolean();
  private volatile GatewaySnapshot current = GatewaySnapshot.empty();

  public SnapshotPublisher(
      ConfigStore store, SnapshotCompiler compiler, Consumer<Throwable> onError) {
    this.store = store;
    this.compiler = compiler;
    this.onError = onError;
  }

  /** Compiles the first snapshot synchronously, then starts watching the revision counter. */
  public void start() {
    current = compiler.compile(store);
    executor.scheduleWithFixedDelay(
        this::pollRevision, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  public GatewaySnapshot current() {
    return current;
  }

  /** Asks for a rebuild soon; several requests before it runs collapse into one. */
  public void requestRebuild() {
    if (rebuildPending.compareAndSet(false, true)) {
      executor.execute(this::rebuild);
    }
  }

  /**
   * Requests a rebuild and waits (at most {@code timeout}) until the published snapshot includes
   * the store's current revision: read-your-writes for the control plane, so a script that deploys
   * and then calls the API sees its deployment. Called on the control-plane thread after a commit,
   * never on an event loop.
   */
  public void rebuildAndAwait(Duration timeout) {
    long target = store.revision();
    requestRebuild();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (current.revision() < target && System.nanoTime() < deadline) {
      if (!rebuildPending.get() && current.revision() < target) {
        requestRebuild(); // a rebuild that started before our commit may have finished without it
      }
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void pollRevision() {
    try {
      if (store.revision() != current.revision()) {
        requestRebuild();
      }
    } catch (RuntimeException e) {
      onError.accept(e);
    }
  }

  private void rebuild() {
    rebuildPending.set(false);
    try {
      current = compiler.compile(store);
    } catch (RuntimeException e) {
      onError.accept(e); // keep serving the previous snapshot
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
