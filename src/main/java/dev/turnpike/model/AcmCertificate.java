package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A certificate held by Turnpike's ACM subset: the PEM material (the private key stays in the store
 * and never leaves it through the API) and what DescribeCertificate reports, derived once at import
 * or issue. Times are epoch milliseconds; {@code revision} grows with every re-import or renewal so
 * compiled TLS contexts know when to rebuild. {@code renewalSummary} is set once Turnpike has
 * renewed (or failed to renew) an AMAZON_ISSUED certificate.
 */
public record AcmCertificate(
    String certificateArn,
    String type,
    String domainName,
    List<String> subjectAlternativeNames,
    String certificatePem,
    String chainPem,
    String privateKeyPem,
    String keyAlgorithm,
    String signatureAlgorithm,
    String serial,
    String subject,
    String issuer,
    long notBefore,
    long notAfter,
    long createdAt,
    @Nullable Long importedAt,
    @Nullable Long issuedAt,
    @Nullable Map<String, String> tags,
    long revision,
    @Nullable RenewalSummary renewalSummary) {

  /** The certificate as first imported or issued (never renewed yet). */
  public AcmCertificate(
      String certificateArn,
      String type,
      String domainName,
      List<String> subjectAlternativeNames,
      String certificatePem,
      String chainPem,
      String privateKeyPem,
      String keyAlgorithm,
      String signatureAlgorithm,
      String serial,
      String subject,
      String issuer,
      long notBefore,
      long notAfter,
      long createdAt,
      @Nullable Long importedAt,
      @Nullable Long issuedAt,
      @Nullable Map<String, String> tags,
      long revision) {
    this(
        certificateArn,
        type,
        domainName,
        subjectAlternativeNames,
        certificatePem,
        chainPem,
        privateKeyPem,
        keyAlgorithm,
        signatureAlgorithm,
        serial,
        subject,
        issuer,
        notBefore,
        notAfter,
        createdAt,
        importedAt,
        issuedAt,
        tags,
        revision,
        null);
  }

  public AcmCertificate withTags(Map<String, String> newTags) {
    return new AcmCertificate(
        certificateArn,
        type,
        domainName,
        subjectAlternativeNames,
        certificatePem,
        chainPem,
        privateKeyPem,
        keyAlgorithm,
        signatureAlgorithm,
        serial,
        subject,
        issuer,
        notBefore,
        notAfter,
        createdAt,
        importedAt,
        issuedAt,
        newTags,
        revision,
        renewalSummary);
  }

  public AcmCertificate withRenewalSummary(RenewalSummary summary) {
    return new AcmCertificate(
        certificateArn,
        type,
        domainName,
        subjectAlternativeNames,
        certificatePem,
        chainPem,
        privateKeyPem,
        keyAlgorithm,
        signatureAlgorithm,
        serial,
        subject,
        issuer,
        notBefore,
        notAfter,
        createdAt,
        importedAt,
        issuedAt,
        tags,
        revision,
        summary);
  }

  public boolean isImported() {
    return "IMPORTED".equals(type);
  }

  /**
   * ISSUED, or EXPIRED once {@code notAfter} has passed (ACM's status; the certificate keeps being
   * served).
   */
  public String status(long nowMillis) {
    return nowMillis > notAfter ? "EXPIRED" : "ISSUED";
  }

  /**
   * botocore {@code RenewalSummary}: {@code renewalStatus} is PENDING_AUTO_RENEWAL, SUCCESS or
   * FAILED here (no validation step), {@code renewalStatusReason} a botocore {@code FailureReason}
   * when FAILED; epoch milliseconds.
   */
  public record RenewalSummary(
      String renewalStatus, long updatedAt, @Nullable String renewalStatusReason) {}
}
