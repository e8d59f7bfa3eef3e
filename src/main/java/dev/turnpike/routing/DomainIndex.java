package dev.turnpike.routing;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Custom domains by host name, compiled into each snapshot: the domain's own name, its target name
 * ({@code d-xxxxxxxxxx.execute-api.{region}.{suffix}}, which routes like the domain itself), and
 * wildcard domains ({@code *.example.com}, one label) after exact names, so an exact domain beats a
 * wildcard one.
 */
public final class DomainIndex {
  private static final DomainIndex EMPTY = new DomainIndex(Map.of(), Map.of());

  private final Map<String, CompiledDomain> exact;
  private final Map<String, CompiledDomain> wildcard;

  /**
   * A domain as served: its name, owner and mappings; {@code requiresClientCertificate} when its
   * clients must present a certificate validated for this same domain (mutual TLS).
   */
  public record CompiledDomain(
      String domainName,
      String accountId,
      BasePathMatcher mappings,
      boolean requiresClientCertificate) {}

  /**
   * {@code exact}: host → domain; {@code wildcard}: the part after "*." → domain; all lowercase.
   */
  public DomainIndex(Map<String, CompiledDomain> exact, Map<String, CompiledDomain> wildcard) {
    this.exact = Map.copyOf(exact);
    this.wildcard = Map.copyOf(wildcard);
  }

  public static DomainIndex empty() {
    return EMPTY;
  }

  public int size() {
    return exact.size() + wildcard.size();
  }

  /** The domain a Host header (with or without port) names, or null. */
  public @Nullable CompiledDomain lookup(@Nullable String hostHeader) {
    if (hostHeader == null || (exact.isEmpty() && wildcard.isEmpty())) {
      return null;
    }
    String host = HostClassifier.stripPort(hostHeader).toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    CompiledDomain d = exact.get(host);
    if (d != null) {
      return d;
    }
    int dot = host.indexOf('.');
    return dot > 0 ? wildcard.get(host.substring(dot + 1)) : null;
  }
}
