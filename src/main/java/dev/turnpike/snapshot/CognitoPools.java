package dev.turnpike.snapshot;

import dev.turnpike.auth.jwt.JwtKeys;
import dev.turnpike.auth.jwt.JwtTrust;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Cognito user pools a {@code COGNITO_USER_POOLS} authorizer can trust, compiled with the
 * snapshot: each pool's ARN, issuer and public keys, so a token is verified on the request path
 * without the store. Immutable; an unchanged set of pools is the same instance from one snapshot to
 * the next ({@link CognitoPoolsCompiler}), so a caller may cache what it derives per instance.
 */
public final class CognitoPools {
  public static final CognitoPools EMPTY = new CognitoPools(List.of());

  /**
   * One pool.
   *
   * @param arn {@code arn:aws:cognito-idp:{region}:{account}:userpool/{id}}, as an authorizer's
   *     {@code providerARNs} name it
   * @param issuer the {@code iss} of its tokens, {@code
   *     https://cognito-idp.{region}.amazonaws.com/{id}}
   * @param keys its signing keys (one today; a JWKS may list more)
   */
  public record Pool(String arn, String poolId, String accountId, String issuer, JwtKeys keys) {}

  private final Map<String, Pool> byArn;
  private final Map<String, Pool> byIssuer;

  CognitoPools(Collection<Pool> pools) {
    Map<String, Pool> arns = new LinkedHashMap<>();
    Map<String, Pool> issuers = new HashMap<>();
    for (Pool p : pools) {
      arns.put(p.arn(), p);
      issuers.put(p.issuer(), p);
    }
    this.byArn = Map.copyOf(arns);
    this.byIssuer = Map.copyOf(issuers);
  }

  public @Nullable Pool byArn(String arn) {
    return byArn.get(arn);
  }

  public @Nullable Pool byIssuer(String issuer) {
    return byIssuer.get(issuer);
  }

  public Collection<Pool> all() {
    return byArn.values();
  }

  /**
   * What an authorizer with these {@code providerARNs} accepts: each known pool's issuer with that
   * pool's own keys (an ARN naming no pool adds nothing, so its tokens are refused as from an
   * unknown issuer). Build it once per authorizer and snapshot, then {@code
   * JwtVerifier.verify(token, trust, now)} per token.
   */
  public JwtTrust trust(List<String> providerArns) {
    Map<String, JwtKeys> m = new LinkedHashMap<>();
    for (String arn : providerArns) {
      Pool p = byArn.get(arn);
      if (p != null) {
        m.put(p.issuer(), p.keys());
      }
    }
    return JwtTrust.of(m);
  }

  @Override
  public String toString() {
    return "CognitoPools" + byArn.keySet();
  }
}
