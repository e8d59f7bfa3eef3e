package dev.turnpike.oidc;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What a JWT authorizer decided about one request. */
public sealed interface JwtOutcome {

  /**
   * The token passed every check.
   *
   * @param claims every claim as text, in token order: what the 2.0 event's {@code
   *     requestContext.authorizer.jwt.claims} and {@code $context.authorizer.claims.*} carry
   *     ({@code "exp":"1787996002"}; a list claim as {@code [a b]})
   * @param scopes {@code requestContext.authorizer.jwt.scopes}: the token's scopes when the route
   *     requires scopes, null when it requires none
   */
  record Authorized(Map<String, String> claims, @Nullable List<String> scopes)
      implements JwtOutcome {
    public Authorized {
      claims = ReadOnlyClaims.of(claims);
      scopes = scopes == null ? null : List.copyOf(scopes);
    }
  }

  /**
   * The request is refused.
   *
   * @param status 401, or 403 when only the route's scopes are missing
   * @param body {@code {"message":"Unauthorized"}} or {@code {"message":"Forbidden"}}
   * @param wwwAuthenticate the {@code www-authenticate} value AWS sends with the refusal
   * @param detail a sentence for logs and explain that never contains the token
   */
  record Refused(int status, String body, String wwwAuthenticate, Reason reason, String detail)
      implements JwtOutcome {}

  /** Why a request was refused, in the order the checks run. */
  enum Reason {
    NO_TOKEN,
    MALFORMED,
    UNREADABLE,
    KEYS_UNAVAILABLE,
    UNSUPPORTED_ALGORITHM,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    WRONG_ISSUER,
    WRONG_AUDIENCE,
    NO_EXPIRY,
    EXPIRED,
    NOT_YET_VALID,
    ISSUED_IN_FUTURE,
    INSUFFICIENT_SCOPE
  }
}
