package dev.turnpike.oidc;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Claims as text, read-only, in token order. {@link #of} copies a map once and returns one of these
 * as it is, so the outcomes cached per token share one map instead of copying it per request.
 */
final class ReadOnlyClaims extends AbstractMap<String, String> {
  private final Map<String, String> claims;

  private ReadOnlyClaims(Map<String, String> claims) {
    this.claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  static Map<String, String> of(Map<String, String> claims) {
    return claims instanceof ReadOnlyClaims r ? r : new ReadOnlyClaims(claims);
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return claims.entrySet();
  }

  @Override
  public @Nullable String get(@Nullable Object key) {
    return claims.get(key);
  }

  @Override
  public boolean containsKey(@Nullable Object key) {
    return claims.containsKey(key);
  }

  @Override
  public int size() {
    return claims.size();
  }
}
