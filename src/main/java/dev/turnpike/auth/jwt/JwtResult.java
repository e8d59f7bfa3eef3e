package dev.turnpike.auth.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What {@link JwtVerifier#verify} decided about one token. */
public sealed interface JwtResult {

  /**
   * A token whose RS256 signature, issuer and validity period were checked.
   *
   * @param claims every claim of the payload, immutable, with JSON values as Java objects: {@code
   *     String}, {@code Long} or {@code Double}, {@code Boolean}, {@code List}, {@code Map}, or
   *     null for a JSON null (dates such as {@code exp} stay numbers of seconds, as in the token)
   * @param tokenUse the {@code token_use} claim ({@code id} or {@code access} for Cognito), null
   *     when absent
   * @param scopes the {@code scope} claim split on spaces (empty when absent)
   */
  record Verified(
      Map<String, @Nullable Object> claims,
      String issuer,
      @Nullable String tokenUse,
      List<String> scopes,
      Instant expiresAt)
      implements JwtResult {
    public Verified {
      scopes = List.copyOf(scopes);
    }

    /** A claim's value as a string ({@code sub}, {@code client_id}, ...), null when absent. */
    public @Nullable String stringClaim(String name) {
      Object v = claims.get(name);
      return v == null ? null : v.toString();
    }
  }

  /**
   * A refused token.
   *
   * @param message a short sentence for logs and {@code explain}; never contains the token
   */
  record Rejected(Reason reason, String message) implements JwtResult {}

  /** Why a token was refused, in the order the verifier checks. */
  enum Reason {
    /** Not three base64url segments of a JSON header and payload. */
    MALFORMED,
    /** The header's {@code alg} is not RS256 ({@code none}, HS256, an encrypted token...). */
    UNSUPPORTED_ALGORITHM,
    /** The header's {@code kid} names no key of the issuer's key set. */
    UNKNOWN_KEY,
    /** The signature does not match the header and payload under the key. */
    BAD_SIGNATURE,
    /** The {@code iss} claim is not one of the accepted issuers. */
    WRONG_ISSUER,
    /** {@code exp} is missing or not a number. */
    NO_EXPIRY,
    /** {@code exp} is at or before now. */
    EXPIRED,
    /** {@code nbf} is after now. */
    NOT_YET_VALID
  }
}
