package dev.turnpike.doctor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.AcmCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The expiry part of the certificate check, for the knowledge base's live check: each ACM certificate's NotAfter and
 * days left, FAIL when expired, WARN within 30 days, in the doctor report shape (level, findings with fix and
 * article). A stopgap kept separate from {@link Doctor}: the full {@code turnpike doctor certificates} (domains,
 * SAN coverage, the default certificate) supersedes it.
 */
public final class CertificateExpiry {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration WARN_WITHIN = Duration.ofDays(30);
  private static final String ARTICLE = "certificate-expired-invalid";

  private CertificateExpiry() {}

  public static ObjectNode report(List<AcmCertificate> certificates, Clock clock) {
    ObjectNode root = MAPPER.createObjectNode();
    ArrayNode findings = root.putArray("findings");
    ArrayNode list = root.putArray("certificates");
    Instant now = clock.instant();
    int worst = 0;
    for (AcmCertificate c : certificates) {
      Instant notAfter = Instant.ofEpochMilli(c.notAfter());
      long days = Duration.between(now, notAfter).toDays();
      list.addObject().put("arn", c.certificateArn()).put("domainName", c.domainName()).put("type", c.type())
          .put("status", c.status(now.toEpochMilli())).put("notAfter", notAfter.toString()).put("daysLeft", days);
      String renew = "IMPORTED".equals(c.type())
          ? "Re-import a renewed certificate with its chain: aws acm import-certificate --certificate-arn "
              + c.certificateArn() + " --certificate fileb://cert.pem --private-key fileb://key.pem"
              + " --certificate-chain fileb://chain.pem"
          : "Request a new certificate: aws acm request-certificate --domain-name " + c.domainName();
      if (now.isAfter(notAfter)) {
        worst = 2;
        add(findings, 2, c.domainName() + " (" + c.certificateArn() + ") expired on " + notAfter
            + ": clients refuse the handshake with \"certificate has expired\"", renew);
      } else if (Duration.between(now, notAfter).compareTo(WARN_WITHIN) < 0) {
        worst = Math.max(worst, 1);
        add(findings, 1, c.domainName() + " (" + c.certificateArn() + ") expires in " + days + " days, on "
            + notAfter, renew);
      }
    }
    if (worst == 0) {
      add(findings, 0, certificates.isEmpty() ? "No ACM certificates in this Turnpike"
          : "No certificate expires within " + WARN_WITHIN.toDays() + " days (" + certificates.size() + " checked)",
          null);
    }
    String level = worst == 0 ? "OK" : worst == 1 ? "WARN" : "FAIL";
    root.put("level", level);
    root.put("exitCode", worst);
    return root;
  }

  private static void add(ArrayNode findings, int level, String message, String fix) {
    findings.addObject().put("level", level == 0 ? "OK" : level == 1 ? "WARN" : "FAIL").put("message", message)
        .put("fix", fix).put("article", level == 0 ? null : ARTICLE);
  }
}
