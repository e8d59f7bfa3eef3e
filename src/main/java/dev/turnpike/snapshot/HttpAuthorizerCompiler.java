package dev.turnpike.snapshot;

import dev.turnpike.model.HttpAuthorizer;
import dev.turnpike.oidc.JwtAuthorizer;
import dev.turnpike.oidc.OidcKeyCache;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the authorizers a deployment froze, once per deployment: {@code JWT} into a {@link
 * JwtAuthorizer} over the process's {@link OidcKeyCache} (its keys prefetched, so the first request
 * usually finds them). An authorizer that cannot run compiles with its problem, and its routes
 * answer 500.
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

  Map<String, CompiledHttpAuthorizer> compile(List<HttpAuthorizer> authorizers) {
    Map<String, CompiledHttpAuthorizer> out = new HashMap<>();
    for (HttpAuthorizer a : authorizers) {
      out.put(a.authorizerId(), compile(a));
    }
    return out;
  }

  private CompiledHttpAuthorizer compile(HttpAuthorizer a) {
    String id = a.authorizerId();
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
      JwtAuthorizer compiled =
          JwtAuthorizer.compile(
              jwt.issuer(),
              jwt.audience() == null ? List.of() : jwt.audience(),
              a.identitySource() == null ? List.of() : a.identitySource(),
              cache,
              clock);
      compiled.keys().prefetch();
      return new CompiledHttpAuthorizer(id, a.name(), "JWT", compiled, null);
    } catch (IllegalArgumentException e) {
      return CompiledHttpAuthorizer.broken(id, a.name(), "JWT", String.valueOf(e.getMessage()));
    }
  }
}
