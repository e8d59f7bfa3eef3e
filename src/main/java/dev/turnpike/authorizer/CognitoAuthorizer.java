package dev.turnpike.authorizer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.turnpike.auth.jwt.JwtResult;
import dev.turnpike.auth.jwt.JwtVerifier;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.AuthorizerFact;
import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.pipeline.AuthorizerContext;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.snapshot.CognitoPools;
import dev.turnpike.snapshot.CompiledAuthorizer;
import dev.turnpike.snapshot.CompiledMethod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code COGNITO_USER_POOLS} authorizers (spec 8.1, 8.4, 8.5): the token in the authorizer's header
 * must be an RS256 JWT of one of its {@code providerARNs}' pools (signature, issuer, expiry,
 * checked by {@code auth.jwt} against the pools' keys in the snapshot); a method with {@code
 * authorizationScopes} takes only access tokens holding one of them, a method without takes only ID
 * tokens; {@code identityValidationExpression}, when set, must match the audience. Any failure is
 * 401 {@code Unauthorized}. The claims reach {@code $context.authorizer.claims}.
 *
 * <p>A signature check costs tens of microseconds, so verified tokens are cached (per authorizer,
 * pool set and token; bounded); expiry is checked again on every request, so a cached token still
 * stops working at its {@code exp}.
 */
public final class CognitoAuthorizer implements CognitoCheck {
  private static final String BEARER = "Bearer ";

  /**
   * A verified token's cache key: the authorizer and the pools by identity (both are immutable
   * parts of one snapshot) and the {@code Authorization} value as the decoder holds it (no copy).
   * Its hash reads only the value's length and last 32 characters: a JWT ends in its signature, so
   * they differ between tokens, where {@code String.hashCode} walked the whole ~1 KB on every
   * request (a new String each time, so its cached hash never helped). Equality still compares
   * every byte, and only verified tokens are ever stored, so no one can crowd a bucket with tokens
   * of their own. Hand-written rather than a record: a record's {@code equals} goes through {@code
   * ObjectMethods}' method handles, which JDK 17 did not inline here (8% of S13's CPU in its JFR
   * profile).
   */
  private static final class Key {
    private static final int HASHED_TAIL = 32;

    private final CompiledAuthorizer authorizer;
    private final CognitoPools pools;
    private final String header;
    private final int hash;

    Key(CompiledAuthorizer authorizer, CognitoPools pools, String header) {
      this.authorizer = authorizer;
      this.pools = pools;
      this.header = header;
      int h = 31 * System.identityHashCode(authorizer) + System.identityHashCode(pools);
      h = 31 * h + header.length();
      for (int i = Math.max(0, header.length() - HASHED_TAIL); i < header.length(); i++) {
        h = 31 * h + header.charAt(i);
      }
      this.hash = h;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Key k
          && k.hash == hash
          && k.authorizer == authorizer
          && k.pools == pools
          && k.header.equals(header);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  private final Clock clock;

  /** A verified token and what the request path hands on for it, built once. */
  private record Checked(JwtResult.Verified token, AuthorizerContext context) {}

  /** Maintenance on the calling thread: see {@link ResultCache}'s constructor for why. */
  private final Cache<Key, Checked> verified =
      Caffeine.newBuilder()
          .executor(Runnable::run)
          .maximumSize(100_000)
          .expireAfterWrite(Duration.ofHours(1))
          .build();

  public CognitoAuthorizer(Clock clock) {
    this.clock = clock;
  }

  @Override
  public @Nullable GatewayReply authorize(Exchange ex, CompiledMethod method) {
    CompiledAuthorizer a = method.authorizer();
    if (a == null || !a.type().equals(AuthorizerRules.COGNITO) || a.sources().isEmpty()) {
      return AuthorizerReplies.configuration(
          ex,
          fact(
              a, "the method's authorizer is missing from the deployment or is not a Cognito one"));
    }
    String header = ex.headers.get(a.sources().get(0).name());
    if (header == null || header.isEmpty() || header.equals(BEARER)) {
      return refuse(ex, a, "no token in " + a.sources().get(0).expression());
    }
    Instant now = clock.instant();
    CognitoPools pools = ex.snapshot.cognito();
    // Keyed by the header as sent: the token is cut out of it only on a miss.
    Key key = new Key(a, pools, header);
    Checked checked = verified.getIfPresent(key);
    if (checked == null) {
      // Accepted with and without the Bearer scheme [UNCONF].
      String token = header.startsWith(BEARER) ? header.substring(BEARER.length()) : header;
      JwtResult r = JwtVerifier.verify(token, pools.trust(a.providerArns()), now);
      if (r instanceof JwtResult.Rejected rejected) {
        return refuse(ex, a, rejected.message());
      }
      JwtResult.Verified fresh = (JwtResult.Verified) r;
      checked = new Checked(fresh, new AuthorizerContext(null, Map.of(), claims(fresh), null, 0));
      verified.put(key, checked);
    } else if (!checked.token().expiresAt().isAfter(now)) {
      return refuse(ex, a, "the token has expired (exp " + checked.token().expiresAt() + ")");
    }
    JwtResult.Verified v = checked.token();
    String problem = kindProblem(v, method.authorizationScopes());
    if (problem == null && a.validation() != null) {
      String aud = v.stringClaim("aud");
      if (aud == null) {
        aud = v.stringClaim("client_id");
      }
      if (aud == null || !a.validation().matcher(aud).matches()) {
        problem = "the token's audience does not match identityValidationExpression";
      }
    }
    if (problem != null) {
      return refuse(ex, a, problem);
    }
    ex.authorizer = checked.context();
    return null;
  }

  /**
   * ID tokens for methods without scopes; access tokens with one of the method's scopes otherwise
   * (spec 8.1).
   */
  private static @Nullable String kindProblem(JwtResult.Verified v, List<String> scopes) {
    if (scopes.isEmpty()) {
      return "id".equals(v.tokenUse())
          ? null
          : "the method has no authorizationScopes, so it takes an ID token, not a "
              + v.tokenUse()
              + " token";
    }
    if (!"access".equals(v.tokenUse())) {
      return "the method has authorizationScopes, so it takes an access token, not an "
          + v.tokenUse()
          + " token";
    }
    for (String s : v.scopes()) {
      if (scopes.contains(s)) {
        return null;
      }
    }
    return "the access token's scopes " + v.scopes() + " include none of " + scopes;
  }

  /** Claims as strings, as the integration sees them; lists as {@code [a b]} (spec 8.5). */
  private static Map<String, String> claims(JwtResult.Verified v) {
    Map<String, String> out = new LinkedHashMap<>();
    v.claims()
        .forEach(
            (k, value) -> {
              if (value instanceof List<?> list) {
                StringBuilder b = new StringBuilder("[");
                for (Object o : list) {
                  if (b.length() > 1) {
                    b.append(' ');
                  }
                  b.append(o);
                }
                out.put(k, b.append(']').toString());
              } else if (value != null) {
                out.put(k, value.toString());
              }
            });
    return out;
  }

  private static GatewayReply refuse(Exchange ex, CompiledAuthorizer a, String problem) {
    return AuthorizerReplies.unauthorized(ex, Cause.COGNITO_UNAUTHORIZED, fact(a, problem));
  }

  private static AuthorizerFact fact(@Nullable CompiledAuthorizer a, String problem) {
    return new AuthorizerFact(
        a == null ? "?" : a.id(), AuthorizerRules.COGNITO, "off", -1, null, null, problem);
  }
}
