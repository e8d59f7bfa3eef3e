package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SigV4 task 3: {@code kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service),
 * "aws4_request")}, and the signature {@code hex(HMAC(kSigning, stringToSign))}.
 *
 * <p>Derived keys are cached per (secret, date, region, service): one key serves a client for a
 * whole UTC day, so the four-HMAC chain runs once per key per day instead of per request. The cache
 * is bounded; when full it is cleared (keys are cheap to re-derive, and a cleared cache is never
 * wrong). Cache keys hold a hash of the secret, never the secret itself.
 */
public final class SigningKey {

  static final int MAX_CACHED_KEYS = 1024;

  private static final ConcurrentHashMap<CacheKey, byte[]> CACHE = new ConcurrentHashMap<>();
  private static final ThreadLocal<LastKey> LAST = new ThreadLocal<>();

  private SigningKey() {}

  /** Returns the signing key; the returned array must not be modified. */
  public static byte[] derive(String secretAccessKey, String date, String region, String service) {
    requireNonNull(secretAccessKey, "secretAccessKey");
    // The key this thread used last: a gateway verifies request after request from the same few
    // callers, and the
    // shared cache's lookup costs a SHA-256 of the secret every time. The secret is compared, never
    // logged; it is
    // held here only as long as the snapshot's credential index holds it anyway.
    LastKey last = LAST.get();
    if (last != null && last.matches(secretAccessKey, date, region, service)) {
      return last.key();
    }
    byte[] derived = deriveShared(secretAccessKey, date, region, service);
    LAST.set(new LastKey(secretAccessKey, date, region, service, derived));
    return derived;
  }

  private static byte[] deriveShared(
      String secretAccessKey, String date, String region, String service) {
    CacheKey key =
        new CacheKey(
            Crypto.hex(Crypto.sha256(secretAccessKey.getBytes(StandardCharsets.UTF_8))),
            date,
            region,
            service);
    byte[] cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    byte[] derived = deriveUncached(secretAccessKey, date, region, service);
    if (CACHE.size() >= MAX_CACHED_KEYS) {
      CACHE.clear();
    }
    CACHE.put(key, derived);
    return derived;
  }

  /** The hex signature of {@code stringToSign} under {@code signingKey}. */
  public static String sign(byte[] signingKey, String stringToSign) {
    return Crypto.hex(Crypto.hmac(signingKey, stringToSign));
  }

  static byte[] deriveUncached(String secret, String date, String region, String service) {
    byte[] kDate = Crypto.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    byte[] kRegion = Crypto.hmac(kDate, region);
    byte[] kService = Crypto.hmac(kRegion, service);
    return Crypto.hmac(kService, "aws4_request");
  }

  static int cachedKeys() {
    return CACHE.size();
  }

  private record CacheKey(String secretHash, String date, String region, String service) {}

  private record LastKey(String secret, String date, String region, String service, byte[] key) {
    boolean matches(String secret, String date, String region, String service) {
      return this.secret.equals(secret)
          && this.date.equals(date)
          && this.region.equals(region)
          && this.service.equals(service);
    }

    @Override
    public String toString() {
      return "LastKey[" + date + '/' + region + '/' + service + ']'; // never the secret
    }
  }
}
