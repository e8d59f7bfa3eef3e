package dev.turnpike.doctor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.tls.CertificateExpiry;
import dev.turnpike.tls.CertificateInventory;
import dev.turnpike.tls.CertificateRenewal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code turnpike doctor certificates}: every certificate the live snapshot holds (ACM's, and the
 * default execute-api one) with its type, status, NotAfter, days to expiry and the domains
 * configured with it, and whether each domain's name is covered by the certificate's names (SANs,
 * else CN; one-label wildcards, as TLS clients check). Findings: FAIL for an expired certificate a
 * domain serves, a name the certificate does not cover, or a certificate a domain names that does
 * not exist; WARN for one expiring within 30 days (imported ones are never renewed) and for an
 * expired one no domain serves; OK otherwise.
 */
public final class CertificateDoctor {
  static final String EXPIRED_ARTICLE = CertificateExpiry.ARTICLE;
  static final String WRONG_CERTIFICATE_ARTICLE = "custom-domain-wrong-certificate";

  private final Supplier<CertificateInventory> inventory;
  private final Clock clock;

  /**
   * {@code inventory}: the current snapshot's certificates and domains, the default certificate
   * included.
   */
  public CertificateDoctor(Supplier<CertificateInventory> inventory, Clock clock) {
    this.inventory = inventory;
    this.clock = clock;
  }

  /**
   * The report: {@code certificates} (one entry each), {@code findings}, {@code level}, {@code
   * exitCode}.
   */
  public ObjectNode certificates() {
    Doctor.Report r = new Doctor.Report();
    CertificateInventory inv = inventory.get();
    long now = clock.millis();
    ArrayNode list = r.root.putArray("certificates");
    for (CertificateInventory.Certificate c : inv.certificates()) {
      List<CertificateInventory.DomainUse> users = inv.usersOf(c);
      long days = CertificateExpiry.daysLeft(c.notAfter(), now);
      boolean expired = now > c.notAfter();
      ObjectNode n = list.addObject();
      n.put("certificateArn", c.arn())
          .put("type", c.type())
          .put("status", expired ? "EXPIRED" : "ISSUED")
          .put("notAfter", Instant.ofEpochMilli(c.notAfter()).toString())
          .put("daysToExpiry", days);
      c.names().forEach(n.putArray("names")::add);
      ArrayNode domains = n.putArray("domains");
      boolean healthy = true;
      for (CertificateInventory.DomainUse d : users) {
        boolean covered = c.covers(d.domainName());
        domains.addObject().put("domainName", d.domainName()).put("covered", covered);
        if (!covered) {
          healthy = false;
          r.add(
              2,
              "Domain "
                  + d.domainName()
                  + " serves certificate "
                  + c.arn()
                  + ", which covers only "
                  + c.names()
                  + ": clients report that no subject alternative name matches",
              "Use a certificate whose SAN or CN covers "
                  + d.domainName()
                  + " (aws apigateway update-domain-name "
                  + "--domain-name "
                  + d.domainName()
                  + " --patch-operations op=replace,path=/regionalCertificateArn,"
                  + "value=ARN)",
              WRONG_CERTIFICATE_ARTICLE);
        }
      }
      String who = users.isEmpty() ? "no domain" : names(users);
      String fix = fix(c);
      if (expired) {
        healthy = false;
        r.add(
            users.isEmpty() ? 1 : 2,
            "Certificate "
                + c.arn()
                + " ("
                + c.type()
                + ") expired on "
                + Instant.ofEpochMilli(c.notAfter())
                + " ("
                + days
                + " days); used by "
                + who
                + (users.isEmpty() ? "" : ": still served, clients refuse the handshake"),
            fix,
            EXPIRED_ARTICLE);
      } else if (days < CertificateExpiry.WARN_DAYS) {
        healthy = false;
        r.add(
            1,
            "Certificate "
                + c.arn()
                + " ("
                + c.type()
                + ") expires on "
                + Instant.ofEpochMilli(c.notAfter())
                + ", in "
                + days
                + " days; used by "
                + who,
            fix,
            EXPIRED_ARTICLE);
      }
      if (healthy) {
        r.add(
            0,
            "Certificate "
                + c.arn()
                + " ("
                + c.type()
                + ") is valid until "
                + Instant.ofEpochMilli(c.notAfter())
                + " ("
                + days
                + " days); used by "
                + who,
            null,
            null);
      }
    }
    for (CertificateInventory.DomainUse d : inv.domains()) {
      if (inv.find(d.accountId(), d.certificateArn()) == null) {
        r.add(
            2,
            "Domain "
                + d.domainName()
                + " is configured with certificate "
                + d.certificateArn()
                + ", which does not exist (deleted or unreadable): the domain keeps the certificate"
                + " it served before, or gets the default certificate after a restart",
            "Import or request a certificate covering "
                + d.domainName()
                + " and set it on the domain (aws apigateway update-domain-name)",
            WRONG_CERTIFICATE_ARTICLE);
      }
    }
    return r.done();
  }

  private static String fix(CertificateInventory.Certificate c) {
    if (c.isImported()) {
      return "Imported certificates are not renewed: get a renewed one from its CA and re-import it"
          + " in place (aws acm import-certificate --certificate-arn "
          + c.arn()
          + " ...)";
    }
    if (CertificateInventory.DEFAULT_TYPE.equals(c.type())) {
      return "Turnpike renews the default certificate from "
          + CertificateRenewal.RENEW_DAYS
          + " days before "
          + "expiry (see the server log for renewal errors); a restart issues a new one at once";
    }
    return "Turnpike renews it from "
        + CertificateRenewal.RENEW_DAYS
        + " days before expiry (see the server log for renewal errors); or request a "
        + "new certificate (aws acm request-certificate) and set it on the domains";
  }

  private static String names(List<CertificateInventory.DomainUse> users) {
    StringBuilder b = new StringBuilder();
    for (CertificateInventory.DomainUse d : users) {
      b.append(b.length() == 0 ? "" : ", ").append(d.domainName());
    }
    return b.toString();
  }
}
