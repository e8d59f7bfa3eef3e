package dev.turnpike.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.turnpike.auth.jwt.JwtResult;
import dev.turnpike.counters.Ticker;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Tokens whose signature, {@code kid}, issuer and validity period an issuer's keys already
 * confirmed, so a client sending the same token again costs a map read instead of an RSA check
 * (tens of microseconds). Per issuer; what depends on the authorizer or the route (audience, {@code
 * iat}, scopes) is checked on every request, and {@code exp} too. An entry lives until its token
 * expires, at most an hour (AWS's key-cache horizon: a token verified under a key stays good while
 * that key could still be cached). Bounded; reads take no lock (Caffeine).
 */
final class VerifiedTokens {
  private static final long MAX_ENTRIES = 10_000;
  private static final long MAX_NANOS = Duration.ofHours(1).toNanos();

  private final Cache<String, Entry> cache;
  private final Ticker ticker;

  VerifiedTokens(Ticker ticker) {
    this.ticker = ticker;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .ticker(ticker::read)
            .expireAfter(
                new Expiry<String, Entry>() {
                  @Override
                  public long expireAfterCreate(String token, Entry e, long now) {
                    return Math.max(0, e.untilNanos - now);
                  }

                  @Override
                  public long expireAfterUpdate(String token, Entry e, long now, long current) {
                    return Math.max(0, e.untilNanos - now);
                  }

                  @Override
                  public long expireAfterRead(String token, Entry e, long now, long current) {
                    return current;
                  }
                })
            .build();
  }

  JwtResult.@Nullable Verified get(String token) {
    Entry e = cache.getIfPresent(token);
    return e == null ? null : e.verified;
  }

  void put(String token, JwtResult.Verified verified, Instant now) {
    long left = Duration.between(now, verified.expiresAt()).toNanos();
    if (left > 0) {
      cache.put(token, new Entry(verified, ticker.read() + Math.min(left, MAX_NANOS)));
    }
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private record Entry(JwtResult.Verified verified, long untilNanos) {}
}
