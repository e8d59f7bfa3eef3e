package dev.turnpike.cli;

import dev.turnpike.counters.Ticker;
import dev.turnpike.oidc.OidcKeyCache;
import dev.turnpike.oidc.OidcSettings;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process's one {@link OidcKeyCache} for HTTP API JWT authorizers, with the two daemon threads
 * its key fetches complete on (never a Netty event loop). Kept apart from {@link TurnpikeRuntime},
 * which only creates and closes it.
 */
final class OidcKeys implements AutoCloseable {
  private final ExecutorService executor;
  private final OidcKeyCache cache;

  OidcKeys() {
    AtomicInteger n = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "turnpike-oidc-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.cache = new OidcKeyCache(executor, Ticker.system(), OidcSettings.defaults());
  }

  OidcKeyCache cache() {
    return cache;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
