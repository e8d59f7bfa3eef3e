package dev.turnpike.snapshot;

import dev.turnpike.counters.Ticker;
import dev.turnpike.model.Authorizer;
import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.model.HttpAuthorizer;
import dev.turnpike.oidc.IssuerKeys;
import dev.turnpike.oidc.JwtAuthorizer;
import dev.turnpike.oidc.OidcKeyCache;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the authorizers a deployment froze, once per deployment: {@code JWT} into a {@link
 * JwtAuthorizer} over the process's {@link OidcKeyCache} (its keys prefetched, so the first request
 * usually finds them; a local {@code cognito-idp} pool's issuer uses the pool's keys as they are);
 * {@code REQUEST} into the REST {@link CompiledAuthorizer} the Lambda authorizer code runs. An
 * authorizer that cannot run compiles with its problem, and its routes answer 500.
 */
final class HttpAuthorizerCompiler {
  private final Clock clock;
  private volatile @Nullable OidcKeyCache oidc;

  HttpAuthorizerCompiler(Clock clock) {
    this.clock = clock;
  }

  /** The issuers' keys JWT authorizers use; without it JWT routes answer 500. */
  void useOidc(OidcKeyCache cache) {
    this.oidc = cache;
  }

  /**
   * A Lambda authorizer as the REST form the {@code authorizer} package runs: identity sources
   * {@code $request.header.X}, {@code $request.querystring.x}, {@code $context.x}, {@code
   * $stageVariables.x} written as REST's {@code method.request.header.X}, …; no TTL means no
   * caching (REST's default of 300 s is not HTTP APIs').
   */
  private static CompiledHttpAuthorizer lambda(HttpAuthorizer a) {
    List<String> sources = new ArrayList<>();
    for (String s : a.identitySource() == null ? List.<String>of() : a.identitySource()) {
      sources.add(restSource(s.trim()));
    }
    Integer ttl = a.authorizerResultTtlInSeconds();
    Authorizer rest =
        new Authorizer(
            a.authorizerId(),
            a.name(),
            AuthorizerRules.REQUEST,
            null,
            null,
            a.authorizerUri(),
            a.authorizerCredentialsArn(),
            sources.isEmpty() ? null : String.join(",", sources),
            null,
            ttl == null ? 0 : ttl);
    List<String> problems = new ArrayList<>();
    CompiledAuthorizer compiled = CompiledAuthorizer.compile(rest, problems);
    String version =
        a.authorizerPayloadFormatVersion() == null ? "2.0" : a.authorizerPayloadFormatVersion();
    if (compiled == null) {
      return CompiledHttpAuthorizer.broken(
          a.authorizerId(), a.name(), "REQUEST", String.join("; ", problems));
    }
    return new CompiledHttpAuthorizer(
        a.authorizerId(),
        a.name(),
        "REQUEST",
        null,
        compiled,
        version,
        "2.0".equals(version) && Boolean.TRUE.equals(a.enableSimpleResponses()),
        null);
  }

  private static String trimmed(String issuer) {
    return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
  }

  private static String restSource(String v2) {
    String[][] map = {
      {"$request.header.", "method.request.header."},
      {"$request.querystring.", "method.request.querystring."},
      {"$context.", "context."},
      {"$stageVariables.", "stageVariables."}
    };
    for (String[] m : map) {
      if (v2.startsWith(m[0])) {
        return m[1] + v2.substring(m[0].length());
      }
    }
    return v2; // refused by CompiledAuthorizer.compile: the routes answer 500
  }

  /**
   * @param pools the local {@code cognito-idp} user pools: a JWT authorizer whose issuer is one of
   *     theirs verifies with the pool's keys, never fetching them (the issuer URL is AWS's)
   */
  Map<String, CompiledHttpAuthorizer> compile(
      List<HttpAuthorizer> authorizers, CognitoPools pools) {
    Map<String, CompiledHttpAuthorizer> out = new HashMap<>();
    for (HttpAuthorizer a : authorizers) {
      out.put(a.authorizerId(), compile(a, pools));
    }
    return out;
  }

  private CompiledHttpAuthorizer compile(HttpAuthorizer a, CognitoPools pools) {
    String id = a.authorizerId();
    if ("REQUEST".equals(a.authorizerType())) {
      return lambda(a);
    }
    if (!"JWT".equals(a.authorizerType())) {
      return CompiledHttpAuthorizer.broken(
          id, a.name(), a.authorizerType(), a.authorizerType() + " authorizers are not run");
    }
    OidcKeyCache cache = oidc;
    HttpAuthorizer.JwtConfiguration jwt = a.jwtConfiguration();
    if (cache == null) {
      return CompiledHttpAuthorizer.broken(id, a.name(), "JWT", "JWT authorizers are not run");
    }
    if (jwt == null || jwt.issuer() == null) {
      return CompiledHttpAuthorizer.broken(id, a.name(), "JWT", "no jwtConfiguration.issuer");
    }
    try {
      List<String> audience = jwt.audience() == null ? List.of() : jwt.audience();
      List<String> sources = a.identitySource() == null ? List.of() : a.identitySource();
      CognitoPools.Pool pool = pools.byIssuer(trimmed(jwt.issuer()));
      if (pool != null) {
        JwtAuthorizer local =
            JwtAuthorizer.compile(
                pool.issuer(),
                audience,
                sources,
                IssuerKeys.fixed(pool.issuer(), pool.keys(), Ticker.system()),
                clock);
        return new CompiledHttpAuthorizer(id, a.name(), "JWT", local, null, "2.0", false, null);
      }
      JwtAuthorizer compiled =
          JwtAuthorizer.compile(
              jwt.issuer(),
              jwt.audience() == null ? List.of() : jwt.audience(),
              a.identitySource() == null ? List.of() : a.identitySource(),
              cache,
              clock);
      compiled.keys().prefetch();
      return new CompiledHttpAuthorizer(id, a.name(), "JWT", compiled, null, "2.0", false, null);
    } catch (IllegalArgumentException e) {
      return CompiledHttpAuthorizer.broken(id, a.name(), "JWT", String.valueOf(e.getMessage()));
    }
  }
}
