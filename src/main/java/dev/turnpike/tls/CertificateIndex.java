package dev.turnpike.tls;

import io.netty.handler.ssl.SslContext;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The custom domains' server contexts by host name, compiled into each snapshot: an exact name
 * beats a wildcard domain ({@code *.example.com} serves one label). A name not found here gets the
 * default (execute-api) certificate, so a client asking for a name Turnpike does not serve sees the
 * same "no subject alternative name matches" failure it would see on AWS. {@link #inventory()}
 * lists the certificates behind it (for expiry warnings, the days-to-expiry metric and {@code
 * doctor certificates}; never read on a handshake).
 */
public final class CertificateIndex {
  private static final CertificateIndex EMPTY = new CertificateIndex(Map.of(), Map.of());

  private final Map<String, SslContext> exact;
  private final Map<String, SslContext> wildcard;
  private final CertificateInventory inventory;

  /**
   * {@code exact}: host → context; {@code wildcard}: the part after {@code *.} → context. Names
   * normalized.
   */
  public CertificateIndex(Map<String, SslContext> exact, Map<String, SslContext> wildcard) {
    this(exact, wildcard, CertificateInventory.empty());
  }

  public CertificateIndex(
      Map<String, SslContext> exact,
      Map<String, SslContext> wildcard,
      CertificateInventory inventory) {
    this.exact = Map.copyOf(exact);
    this.wildcard = Map.copyOf(wildcard);
    this.inventory = inventory;
  }

  public CertificateInventory inventory() {
    return inventory;
  }

  public static CertificateIndex empty() {
    return EMPTY;
  }

  public int size() {
    return exact.size() + wildcard.size();
  }

  /** The context for a server name, or null for the default certificate. */
  public @Nullable SslContext select(@Nullable String serverName) {
    if (serverName == null) {
      return null;
    }
    String host = HostNames.normalize(serverName);
    SslContext c = exact.get(host);
    if (c != null) {
      return c;
    }
    int dot = host.indexOf('.');
    return dot > 0 ? wildcard.get(host.substring(dot + 1)) : null;
  }
}
