package dev.turnpike.authorizer;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.turnpike.counters.Ticker;
import dev.turnpike.snapshot.CompiledAuthorizer;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Authorizer results cached per authorizer, stage and identity for the authorizer's TTL (spec 8.1,
 * 8.3). The whole result is cached, policy included, and evaluated again for each request: a policy
 * that allows only the first method's ARN denies the next method for the rest of its TTL, as on
 * AWS. Concurrent requests of one identity on a cold cache share one call (Caffeine coalesces the
 * loads); a failed call is never cached. Bounded in size; reads take no lock. A new deployment
 * compiles new {@link CompiledAuthorizer} objects and FlushStageAuthorizersCache raises the stage's
 * flush count, so either makes every older entry unreachable; those age out.
 */
final class ResultCache {
  private static final long MAX_ENTRIES = 100_000;

  /** What a result is cached under. {@code authorizer} compares by identity. */
  /**
   * A cached result's key. Hand-written rather than a record: a record's {@code equals} and {@code
   * hashCode} go through {@code ObjectMethods}' method handles, which JDK 17 did not inline on the
   * request path (seen for Cognito's key in S13's profile: 8% of the CPU).
   */
  static final class Key {
    private final CompiledAuthorizer authorizer;
    private final String apiId;
    private final String stage;
    private final long flushes;
    private final String identity;
    private final int hash;

    Key(CompiledAuthorizer authorizer, String apiId, String stage, long flushes, String identity) {
      this.authorizer = authorizer;
      this.apiId = apiId;
      this.stage = stage;
      this.flushes = flushes;
      this.identity = identity;
      int h = System.identityHashCode(authorizer);
      h = 31 * h + apiId.hashCode();
      h = 31 * h + stage.hashCode();
      h = 31 * h + Long.hashCode(flushes);
      this.hash = 31 * h + identity.hashCode();
    }

    CompiledAuthorizer authorizer() {
      return authorizer;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k
          && k.hash == hash
          && k.authorizer == authorizer
          && k.flushes == flushes
          && k.identity.equals(identity)
          && k.apiId.equals(apiId)
          && k.stage.equals(stage);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * Caffeine logs every load whose future fails as a WARNING with its stack trace. Here a failed
   * load is an answer (a function saying Unauthorized, a malformed policy), rendered as 401/500 and
   * recorded in the execution log and the decision record: not a fault for the console. SEVERE
   * still passes (Caffeine's ERROR lines: a bug, not a refusal). Held here because JUL keeps only
   * weak references to its loggers.
   */
  private static final java.util.logging.Logger CAFFEINE_LOADS =
      quiet(
          java.util.logging.Logger.getLogger("com.github.benmanes.caffeine.cache.LocalAsyncCache"));

  private static java.util.logging.Logger quiet(java.util.logging.Logger logger) {
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  private final AsyncCache<Key, AuthorizerResult> cache;
  private final Ticker ticker;

  ResultCache(Ticker ticker) {
    this.ticker = ticker;
    // Maintenance (draining the read buffer, expiring) runs on the thread that fills the buffer,
    // under Caffeine's tryLock, never waiting. With the default executor every full read buffer
    // handed a drain to the common ForkJoinPool: a thread wake-up (a futex call) every few hits,
    // most of this cache's cost in S12's profile (3.7% of the CPU, for a read of one key).
    this.cache =
        Caffeine.newBuilder()
            .executor(Runnable::run)
            .maximumSize(MAX_ENTRIES)
            .ticker(ticker::read)
            .expireAfter(
                new Expiry<Key, AuthorizerResult>() {
                  @Override
                  public long expireAfterCreate(Key key, AuthorizerResult value, long now) {
                    return key.authorizer().ttlSeconds() * 1_000_000_000L;
                  }

                  @Override
                  public long expireAfterUpdate(
                      Key key, AuthorizerResult value, long now, long currentDuration) {
                    return currentDuration;
                  }

                  @Override
                  public long expireAfterRead(
                      Key key, AuthorizerResult value, long now, long currentDuration) {
                    return currentDuration; // a hit does not extend the TTL
                  }
                })
            .buildAsync();
  }

  /** The cached result of {@code key}, or null. */
  @Nullable CompletableFuture<AuthorizerResult> getIfPresent(Key key) {
    return cache.getIfPresent(key);
  }

  /** A lookup: the result's future and whether it was already there (a hit, or a shared call). */
  record Lookup(CompletableFuture<AuthorizerResult> result, boolean cached) {}

  /**
   * The cached result of {@code key}, or the one {@code call} starts (once, however many requests
   * ask at the same moment).
   */
  Lookup get(Key key, Supplier<CompletableFuture<AuthorizerResult>> call) {
    CompletableFuture<AuthorizerResult> present = cache.getIfPresent(key);
    if (present != null) {
      return new Lookup(present, true);
    }
    boolean[] started = new boolean[1];
    CompletableFuture<AuthorizerResult> f =
        cache.get(
            key,
            (k, executor) -> {
              started[0] = true;
              return call.get();
            });
    return new Lookup(f, !started[0]);
  }

  /** Milliseconds since {@code r} was produced. */
  long ageMillis(AuthorizerResult r) {
    return (ticker.read() - r.completedNanos()) / 1_000_000;
  }

  /** Entries held (tests, metrics). */
  long size() {
    cache.synchronous().cleanUp();
    return cache.synchronous().estimatedSize();
  }
}
