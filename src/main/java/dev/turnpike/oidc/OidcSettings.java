package dev.turnpike.oidc;

import java.time.Duration;

/**
 * How issuer keys are fetched and kept.
 *
 * @param timeout per request (discovery, then JWKS): AWS's is 1,500 ms (limits.md)
 * @param maxBytes the largest document read: AWS's JWKS cap is 150,000 bytes (limits.md)
 * @param refreshAfter keys older than this are fetched again in the background while the old ones
 *     keep serving (AWS caches keys "for up to 1 hour", rest-api-jwt-authorizer-keys.html)
 * @param unknownKidInterval the least time between two fetches forced by tokens whose {@code kid}
 *     the cached keys lack (AWS: "When API Gateway receives a token signed with a key it hasn't
 *     seen, it retrieves the key set again"; the bound is ours, so a flood of made-up {@code kid}s
 *     costs the issuer one request per interval)
 * @param failureBackoff after a failed fetch, requests get the failure at once for this long rather
 *     than each starting a fetch of its own
 */
public record OidcSettings(
    Duration timeout,
    int maxBytes,
    Duration refreshAfter,
    Duration unknownKidInterval,
    Duration failureBackoff) {

  public static OidcSettings defaults() {
    return new OidcSettings(
        Duration.ofMillis(1500),
        150_000,
        Duration.ofHours(1),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5));
  }
}
