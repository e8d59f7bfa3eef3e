package dev.turnpike.tls;

import dev.turnpike.model.AcmCertificate;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds the stored {@link AcmCertificate} from a key and its chain: what DescribeCertificate
 * reports is derived here once, at import, issue and renewal, so the three paths cannot drift
 * apart.
 */
public final class AcmCertificates {
  /**
   * What DescribeCertificate names as the issuer of Turnpike-issued ("Amazon-issued") certificates.
   */
  public static final String LOCAL_ISSUER = "Turnpike Local CA";

  private AcmCertificates() {}

  /** A new record for {@code arn}; {@code type} is IMPORTED or AMAZON_ISSUED. */
  public static AcmCertificate of(
      String arn,
      String type,
      CertifiedKey k,
      long createdAt,
      @Nullable Long importedAt,
      @Nullable Long issuedAt,
      @Nullable Map<String, String> tags,
      long revision) {
    X509Certificate leaf = k.leaf();
    List<String> sans = HostNames.dnsNames(leaf);
    String cn = HostNames.commonName(leaf.getSubjectX500Principal());
    KeyAlgorithm alg = KeyAlgorithm.of(leaf.getPublicKey());
    String issuerCn = HostNames.commonName(leaf.getIssuerX500Principal());
    String issuer =
        "AMAZON_ISSUED".equals(type)
            ? LOCAL_ISSUER
            : issuerCn != null ? issuerCn : leaf.getIssuerX500Principal().getName();
    return new AcmCertificate(
        arn,
        type,
        cn != null ? cn : sans.isEmpty() ? "" : sans.get(0),
        sans,
        Pem.encode(leaf),
        k.chain().size() > 1 ? Pem.encode(k.chain().subList(1, k.chain().size())) : "",
        Pem.encode(k.key()),
        alg == null ? "UNKNOWN" : alg.name(),
        leaf.getSigAlgName().toUpperCase(Locale.ROOT),
        serial(leaf.getSerialNumber()),
        leaf.getSubjectX500Principal().getName(),
        issuer,
        leaf.getNotBefore().getTime(),
        leaf.getNotAfter().getTime(),
        createdAt,
        importedAt,
        issuedAt,
        tags,
        revision);
  }

  /**
   * The same certificate (ARN, creation time, tags) with the newly issued key and chain: new
   * serial, NotBefore and NotAfter, IssuedAt = now, the next revision (so the snapshot builds a new
   * server context) and a SUCCESS renewal summary, as ACM shows a managed renewal.
   */
  public static AcmCertificate renewed(AcmCertificate old, CertifiedKey k, long nowMillis) {
    return of(
            old.certificateArn(),
            old.type(),
            k,
            old.createdAt(),
            old.importedAt(),
            nowMillis,
            old.tags(),
            old.revision() + 1)
        .withRenewalSummary(new AcmCertificate.RenewalSummary("SUCCESS", nowMillis, null));
  }

  /** ACM prints serials as colon-separated lowercase hex bytes. */
  public static String serial(BigInteger n) {
    byte[] b = n.toByteArray();
    StringBuilder s = new StringBuilder();
    for (int i = b[0] == 0 && b.length > 1 ? 1 : 0; i < b.length; i++) {
      if (s.length() > 0) {
        s.append(':');
      }
      s.append(String.format(Locale.ROOT, "%02x", b[i]));
    }
    return s.toString();
  }
}
