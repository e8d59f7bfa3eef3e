package dev.turnpike.oidc;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.turnpike.auth.jwt.JwtResult;
import dev.turnpike.counters.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    // Maintenance on the calling thread, never a ForkJoinPool wake-up per full read buffer (seen
    // costing most of the authorizer caches' time in S12's profile).
    this.cache =
        Caffeine.newBuilder()
            .executor(Runnable::run)
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

  @Nullable Entry get(String token) {
    return cache.getIfPresent(token);
  }

  /** Remembers a verified token (until it expires, at most an hour) and returns its entry. */
  Entry put(String token, JwtResult.Verified verified, Instant now) {
    long left = Duration.between(now, verified.expiresAt()).toNanos();
    Entry e = Entry.of(verified, ticker.read() + Math.min(Math.max(left, 0), MAX_NANOS));
    if (left > 0) {
      cache.put(token, e);
    }
    return e;
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * A verified token with what every request with it answers, rendered once: the claims as text and
   * the token's scopes, as the {@link JwtOutcome.Authorized} for routes without scopes and for
   * routes with scopes (then the caller checks them first).
   */
  record Entry(
      JwtResult.Verified verified,
      List<String> tokenScopes,
      JwtOutcome.Authorized withoutScopes,
      JwtOutcome.Authorized withScopes,
      long untilNanos) {

    static Entry of(JwtResult.Verified v, long untilNanos) {
      Map<String, String> claims = new LinkedHashMap<>();
      v.claims().forEach((name, value) -> claims.put(name, ClaimText.of(value)));
      List<String> scopes = TokenScopes.of(v.claims());
      JwtOutcome.Authorized without = new JwtOutcome.Authorized(claims, null);
      return new Entry(
          v, scopes, without, new JwtOutcome.Authorized(without.claims(), scopes), untilNanos);
    }
  }
}
