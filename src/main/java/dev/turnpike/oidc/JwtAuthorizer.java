package dev.turnpike.oidc;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.turnpike.auth.jwt.JwtKeys;
import dev.turnpike.auth.jwt.JwtResult;
import dev.turnpike.auth.jwt.JwtVerifier;
import dev.turnpike.oidc.JwtOutcome.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP API JWT authorizer, compiled once per snapshot ({@code jwtConfiguration} and {@code
 * identitySource}); the route passes its {@code authorizationScopes}.
 *
 * <p>Implementation notes. AWS's workflow (<a
 * href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html">
 * Control access to HTTP APIs with JWT authorizers</a>), in order: the token from the identity
 * source, bare or after {@code Bearer }; decoded; algorithm and signature with the key from the
 * issuer's {@code jwks_uri} ("only RSA-based algorithms": RS256, RS384, RS512); {@code kid} names a
 * key; {@code iss} equals the configured issuer; {@code aud}, or {@code client_id} when there is no
 * {@code aud} (http-api-troubleshooting-jwt.html), matches an audience entry; {@code exp} after
 * now; {@code nbf} and {@code iat} before now; with route scopes, {@code scope} (space-separated)
 * or {@code scp} (string or list) holds at least one of them. Signature, {@code kid}, {@code iss},
 * {@code exp} and {@code nbf} are {@code auth.jwt.JwtVerifier}'s (the Cognito authorizer's rules,
 * with RSA instead of RS256 only); the audience is checked before the validity period, as AWS lists
 * it. No clock leeway (AWS states none).
 *
 * <p>Threading: {@link #tryNow} runs on the event loop and answers whenever the issuer's keys are
 * cached (every request but an issuer's first and those naming a new {@code kid}); otherwise it
 * answers null and {@link #authorize} returns a future that completes on the key fetch's executor,
 * never on the caller's thread by blocking.
 */
public final class JwtAuthorizer {
  private final String issuer;
  private final Set<String> issuers;
  private final List<String> audience;
  private final IdentitySource identitySource;
  private final IssuerKeys keys;
  private final Clock clock;

  private JwtAuthorizer(
      String issuer,
      List<String> audience,
      IdentitySource identitySource,
      IssuerKeys keys,
      Clock clock) {
    this.issuer = issuer;
    this.issuers = Set.of(issuer);
    this.audience = List.copyOf(audience);
    this.identitySource = identitySource;
    this.keys = keys;
    this.clock = clock;
  }

  /**
   * Compiles a JWT authorizer.
   *
   * @param identitySource the authorizer's {@code identitySource}: one {@code $request.header.Name}
   *     or {@code $request.querystring.name}
   * @throws IllegalArgumentException when the identity source or the issuer cannot be used
   */
  public static JwtAuthorizer compile(
      String issuer,
      List<String> audience,
      List<String> identitySource,
      OidcKeyCache cache,
      Clock clock) {
    return new JwtAuthorizer(
        issuer, audience, IdentitySource.parse(identitySource), cache.forIssuer(issuer), clock);
  }

  /** As above, with keys given rather than fetched ({@link IssuerKeys#fixed}). */
  public static JwtAuthorizer compile(
      String issuer,
      List<String> audience,
      List<String> identitySource,
      IssuerKeys keys,
      Clock clock) {
    return new JwtAuthorizer(issuer, audience, IdentitySource.parse(identitySource), keys, clock);
  }

  /** Where the token is read from; the request path reads that value and passes it. */
  public IdentitySource identitySource() {
    return identitySource;
  }

  public IssuerKeys keys() {
    return keys;
  }

  /**
   * The outcome when it can be had without waiting, null when the issuer's keys must be fetched
   * first (then call {@link #authorize}).
   *
   * @param identity the identity source's value (the header or query value), null when absent
   */
  public @Nullable JwtOutcome tryNow(@Nullable String identity, List<String> routeScopes) {
    String token = token(identity);
    if (token == null) {
      return JwtRefusals.noToken("the request has no " + identitySource + " token");
    }
    if (segments(token) != 3) {
      return JwtRefusals.invalid(
          Reason.MALFORMED, routeScopes, "not a JWT: " + segments(token) + " segments");
    }
    JwtKeys cached = keys.current();
    if (cached == null) {
      return null;
    }
    JwtOutcome outcome = decide(token, cached, routeScopes);
    if (outcome instanceof JwtOutcome.Refused r && r.reason() == Reason.UNKNOWN_KEY) {
      String kid = kid(token);
      return kid == null || kid.isEmpty() ? outcome : null;
    }
    return outcome;
  }

  /** The outcome, fetching the issuer's keys first when needed; never blocks the caller. */
  public CompletableFuture<JwtOutcome> authorize(
      @Nullable String identity, List<String> routeScopes) {
    JwtOutcome now = tryNow(identity, routeScopes);
    if (now != null) {
      return CompletableFuture.completedFuture(now);
    }
    String token = token(identity);
    String kid = token == null ? null : kid(token);
    if (token == null || kid == null) {
      return CompletableFuture.completedFuture(
          JwtRefusals.invalid(Reason.UNREADABLE, routeScopes, "the token header is unreadable"));
    }
    return keys.keysFor(kid)
        .handle(
            (fetched, error) ->
                error != null
                    ? JwtRefusals.invalid(
                        Reason.KEYS_UNAVAILABLE, routeScopes, String.valueOf(error.getMessage()))
                    : decide(token, fetched, routeScopes));
  }

  private JwtOutcome decide(String token, JwtKeys jwks, List<String> routeScopes) {
    Instant now = clock.instant();
    VerifiedTokens.Entry hit = keys.verified().get(token);
    JwtResult result =
        hit != null
            ? stillValid(hit.verified(), now)
            : JwtVerifier.verify(token, jwks, issuers, JwtVerifier.Algorithms.RSA, now);
    if (result instanceof JwtResult.Rejected r) {
      Reason reason = reason(r.reason());
      if (reason == Reason.EXPIRED
          || reason == Reason.NOT_YET_VALID
          || reason == Reason.NO_EXPIRY) {
        // Signature and issuer held: AWS checks the audience before the validity period.
        Map<String, Object> claims = payload(token);
        if (claims != null && !audienceMatches(claims)) {
          return JwtRefusals.invalid(Reason.WRONG_AUDIENCE, routeScopes, audienceDetail(claims));
        }
      }
      return JwtRefusals.invalid(reason, routeScopes, r.message());
    }
    JwtResult.Verified v = (JwtResult.Verified) result;
    VerifiedTokens.Entry entry = hit != null ? hit : keys.verified().put(token, v, now);
    if (!audienceMatches(v.claims())) {
      return JwtRefusals.invalid(Reason.WRONG_AUDIENCE, routeScopes, audienceDetail(v.claims()));
    }
    if (v.claims().get("iat") instanceof Number iat
        && (long) (iat.doubleValue() * 1000) > now.toEpochMilli()) {
      return JwtRefusals.invalid(
          Reason.ISSUED_IN_FUTURE, routeScopes, "iat " + iat + " is after now (" + now + ")");
    }
    if (routeScopes.isEmpty()) {
      return entry.withoutScopes();
    }
    if (!TokenScopes.anyOf(routeScopes, entry.tokenScopes())) {
      return JwtRefusals.insufficientScope(
          routeScopes,
          "the token's scopes "
              + entry.tokenScopes()
              + " include none of the route's "
              + routeScopes);
    }
    return entry.withScopes();
  }

  /** A cached verification, refused once its token has expired (the cache's clock may lag). */
  private static JwtResult stillValid(JwtResult.Verified v, Instant now) {
    return now.isBefore(v.expiresAt())
        ? v
        : new JwtResult.Rejected(JwtResult.Reason.EXPIRED, "the token expired at " + v.expiresAt());
  }

  /** {@code aud} (a string or a list) when present, else {@code client_id}, in the audience. */
  private boolean audienceMatches(Map<String, ? extends @Nullable Object> claims) {
    Object aud = claims.get("aud");
    if (aud instanceof String s) {
      return audience.contains(s);
    }
    if (aud instanceof List<?> list) {
      for (Object a : list) {
        if (a instanceof String s && audience.contains(s)) {
          return true;
        }
      }
      return false;
    }
    return aud == null
        && claims.get("client_id") instanceof String clientId
        && audience.contains(clientId);
  }

  private static String audienceDetail(Map<String, ? extends @Nullable Object> claims) {
    Object aud = claims.get("aud");
    return aud != null
        ? "aud " + aud + " is not one of the authorizer's audience"
        : claims.get("client_id") != null
            ? "client_id " + claims.get("client_id") + " is not one of the authorizer's audience"
            : "the token has neither aud nor client_id";
  }

  private static Reason reason(JwtResult.Reason r) {
    return switch (r) {
      case MALFORMED -> Reason.UNREADABLE;
      case UNSUPPORTED_ALGORITHM -> Reason.UNSUPPORTED_ALGORITHM;
      case UNKNOWN_KEY -> Reason.UNKNOWN_KEY;
      case BAD_SIGNATURE -> Reason.BAD_SIGNATURE;
      case WRONG_ISSUER -> Reason.WRONG_ISSUER;
      case NO_EXPIRY -> Reason.NO_EXPIRY;
      case EXPIRED -> Reason.EXPIRED;
      case NOT_YET_VALID -> Reason.NOT_YET_VALID;
    };
  }

  /** The token of an identity value: what follows {@code Bearer } (any case), or the value. */
  static @Nullable String token(@Nullable String identity) {
    if (identity == null) {
      return null;
    }
    String t = identity.trim();
    if (t.regionMatches(true, 0, "Bearer ", 0, 7)) {
      t = t.substring(7).trim();
    } else if (t.equalsIgnoreCase("Bearer")) {
      t = "";
    }
    return t.isEmpty() ? null : t;
  }

  private static int segments(String token) {
    int n = 1;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        n++;
      }
    }
    return n;
  }

  /** The header's {@code kid} ("" without one), null when the header cannot be read. */
  private static @Nullable String kid(String token) {
    try {
      Header h = Header.parse(new Base64URL(token.substring(0, token.indexOf('.'))));
      return h instanceof com.nimbusds.jose.JWSHeader jws && jws.getKeyID() != null
          ? jws.getKeyID()
          : "";
    } catch (java.text.ParseException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable Map<String, Object> payload(String token) {
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    try {
      return JSONObjectUtils.parse(
          new Base64URL(token.substring(first + 1, second)).decodeToString());
    } catch (java.text.ParseException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "JwtAuthorizer[" + issuer + ", audience " + audience + ", " + identitySource + "]";
  }
}
