package dev.turnpike.auth.jwt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The issuers a verifier accepts, each with its own keys: a token is checked only against the keys
 * of the issuer it names, so one pool's key cannot vouch for another pool's token. Immutable; build
 * it once (per authorizer, per snapshot) and verify many tokens with it.
 */
public final class JwtTrust {
  private final Map<String, JwtKeys> byIssuer;

  private JwtTrust(Map<String, JwtKeys> byIssuer) {
    this.byIssuer = Collections.unmodifiableMap(new LinkedHashMap<>(byIssuer));
  }

  /** Issuer ({@code iss} as tokens carry it) → that issuer's keys. */
  public static JwtTrust of(Map<String, JwtKeys> byIssuer) {
    return new JwtTrust(byIssuer);
  }

  /** Several issuers sharing one key set (the caller has no finer knowledge). */
  public static JwtTrust sharedKeys(JwtKeys keys, Set<String> issuers) {
    Map<String, JwtKeys> m = new LinkedHashMap<>();
    for (String issuer : issuers) {
      m.put(issuer, keys);
    }
    return new JwtTrust(m);
  }

  public @Nullable JwtKeys keys(String issuer) {
    return byIssuer.get(issuer);
  }

  public Set<String> issuers() {
    return byIssuer.keySet();
  }

  @Override
  public String toString() {
    return "JwtTrust" + byIssuer;
  }
}
