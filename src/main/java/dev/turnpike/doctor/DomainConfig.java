package dev.turnpike.doctor;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What Turnpike's control plane says about a custom domain name (GetDomainName, GetBasePathMappings
 * and the ACM certificate it serves), as {@link DomainCheck} compares it with what DNS and a
 * handshake show. {@code configuredName} is null when no domain (exact or one-label wildcard)
 * serves the name; {@code certificate} is the configured leaf.
 */
public record DomainConfig(
    String name,
    @Nullable String configuredName,
    @Nullable String regionalDomainName,
    @Nullable String securityPolicy,
    @Nullable String status,
    @Nullable String certificateArn,
    TlsProbe.@Nullable Certificate certificate,
    List<Mapping> mappings) {

  /**
   * A base path mapping as GetBasePathMappings prints it ({@code (none)} for the empty base path
   * and stage).
   */
  public record Mapping(String basePath, String restApiId, String stage) {}

  public static DomainConfig notConfigured(String name) {
    return new DomainConfig(name, null, null, null, null, null, null, List.of());
  }

  public boolean configured() {
    return configuredName != null;
  }
}
