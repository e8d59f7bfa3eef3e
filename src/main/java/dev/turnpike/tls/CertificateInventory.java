package dev.turnpike.tls;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What certificates a snapshot holds and which custom domains serve which: the facts expiry
 * warnings, the days-to-expiry metric and {@code doctor certificates} read, compiled with the
 * snapshot so all three see what the HTTPS listener serves. Contains no key material.
 */
public record CertificateInventory(List<Certificate> certificates, List<DomainUse> domains) {
  /** The pseudo-ARN of the default execute-api certificate (it is not an ACM certificate). */
  public static final String DEFAULT_ARN = "default";

  /** The type of the default execute-api certificate. */
  public static final String DEFAULT_TYPE = "TURNPIKE_DEFAULT";

  private static final CertificateInventory EMPTY = new CertificateInventory(List.of(), List.of());

  public CertificateInventory {
    certificates = List.copyOf(certificates);
    domains = List.copyOf(domains);
  }

  public static CertificateInventory empty() {
    return EMPTY;
  }

  /**
   * One certificate: {@code names} are the DNS names it covers (SANs, else CN), {@code notAfter}
   * epoch milliseconds; {@code type} IMPORTED, AMAZON_ISSUED or {@link #DEFAULT_TYPE}.
   */
  public record Certificate(
      String accountId, String arn, String type, List<String> names, long notAfter) {
    public Certificate {
      names = List.copyOf(names);
    }

    /** Whether one of the names covers {@code host} (one-label wildcards, as TLS clients check). */
    public boolean covers(String host) {
      for (String name : names) {
        if (HostNames.covers(name, host)) {
          return true;
        }
      }
      return false;
    }

    public boolean isImported() {
      return "IMPORTED".equals(type);
    }
  }

  /**
   * A custom domain (or the default execute-api name) and the certificate ARN it is configured to
   * serve.
   */
  public record DomainUse(String accountId, String domainName, @Nullable String certificateArn) {}

  /**
   * The certificate {@code arn} of {@code accountId}, or null when it does not exist (deleted,
   * unreadable).
   */
  public @Nullable Certificate find(String accountId, @Nullable String arn) {
    for (Certificate c : certificates) {
      if (c.arn().equals(arn) && (c.accountId().equals(accountId) || DEFAULT_ARN.equals(arn))) {
        return c;
      }
    }
    return null;
  }

  /** The domains configured with {@code certificate}. */
  public List<DomainUse> usersOf(Certificate certificate) {
    List<DomainUse> out = new ArrayList<>();
    for (DomainUse d : domains) {
      if (certificate.arn().equals(d.certificateArn())
          && (certificate.accountId().equals(d.accountId())
              || DEFAULT_ARN.equals(certificate.arn()))) {
        out.add(d);
      }
    }
    return out;
  }

  /** This inventory plus the default execute-api certificate, used by its wildcard name. */
  public CertificateInventory withDefault(Certificate defaultCertificate, String defaultName) {
    List<Certificate> certs = new ArrayList<>(certificates);
    certs.add(0, defaultCertificate);
    List<DomainUse> uses = new ArrayList<>(domains);
    uses.add(
        0, new DomainUse(defaultCertificate.accountId(), defaultName, defaultCertificate.arn()));
    return new CertificateInventory(certs, uses);
  }
}
