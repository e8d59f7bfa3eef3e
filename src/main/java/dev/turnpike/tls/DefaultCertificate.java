package dev.turnpike.tls;

import io.netty.handler.ssl.SslContext;
import java.util.List;

/**
 * The default execute-api certificate ({@code *.execute-api.{region}.{suffix}} and {@code
 * localhost}), issued by the local CA at every start and renewed by the certificate lifecycle like
 * ACM-issued ones. The HTTPS listener reads {@link #context()} on every handshake that matches no
 * custom domain; a renewal swaps it (a volatile write), so the next handshake serves the new
 * certificate and open connections keep theirs.
 */
public final class DefaultCertificate {
  private final List<String> names;
  private volatile Issued current;

  private record Issued(CertifiedKey key, SslContext context) {}

  private DefaultCertificate(List<String> names, Issued current) {
    this.names = List.copyOf(names);
    this.current = current;
  }

  /** Issues the certificate for {@code names} (the first is the CN) from {@code ca}. */
  public static DefaultCertificate issue(LocalCa ca, List<String> names) throws TlsException {
    return new DefaultCertificate(names, build(ca, names));
  }

  private static Issued build(LocalCa ca, List<String> names) throws TlsException {
    CertifiedKey k = ca.issue(names, KeyAlgorithm.EC_prime256v1, LocalCa.LEAF_VALIDITY);
    return new Issued(k, ServerTls.context(k, SecurityPolicy.TLS_1_2));
  }

  public SslContext context() {
    return current.context();
  }

  public String name() {
    return names.get(0);
  }

  /**
   * The inventory entry of this certificate (account "", ARN {@link
   * CertificateInventory#DEFAULT_ARN}).
   */
  public CertificateInventory.Certificate describe() {
    return new CertificateInventory.Certificate(
        "",
        CertificateInventory.DEFAULT_ARN,
        CertificateInventory.DEFAULT_TYPE,
        names,
        current.key().leaf().getNotAfter().getTime());
  }

  /**
   * Re-issues from {@code issuer} (the local CA, perhaps with the lifecycle's clock) when fewer
   * than {@link CertificateRenewal#RENEW_DAYS} days are left; on failure the current certificate
   * stays.
   *
   * @return whether it was renewed
   */
  public boolean renewIfDue(LocalCa issuer, long nowMillis) throws TlsException {
    long notAfter = current.key().leaf().getNotAfter().getTime();
    if (CertificateExpiry.daysLeft(notAfter, nowMillis) >= CertificateRenewal.RENEW_DAYS) {
      return false;
    }
    current = build(issuer, names);
    return true;
  }
}
