package dev.turnpike.tls;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates made with BouncyCastle: CAs, intermediates and client certificates with the
 * validity, key, signature algorithm and extensions a test needs (expired, weak, not a CA, ...).
 */
public final class TestPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestPki() {}

  /** A key and its certificate. */
  public record Issued(KeyPair keys, X509Certificate cert) {
    public PrivateKey key() {
      return keys.getPrivate();
    }

    public String pem() {
      return Pem.encode(cert);
    }

    public String keyPem() {
      return Pem.encode(keys.getPrivate());
    }
  }

  /**
   * What to issue; defaults: EC P-256, SHA256withECDSA, valid from a day ago for a year, a client
   * certificate.
   */
  public static final class Spec {
    private final String subject;
    private Issued issuer;
    private boolean ca;
    private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
    private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
    private String signatureAlgorithm;
    private String keyAlgorithm = "EC";
    private int rsaBits = 2048;
    private KeyPurposeId purpose = KeyPurposeId.id_kp_clientAuth;

    private Spec(String subject) {
      this.subject = subject;
    }

    public Spec issuedBy(Issued issuer) {
      this.issuer = issuer;
      return this;
    }

    public Spec ca() {
      this.ca = true;
      return this;
    }

    public Spec validity(Instant notBefore, Instant notAfter) {
      this.notBefore = notBefore;
      this.notAfter = notAfter;
      return this;
    }

    public Spec signatureAlgorithm(String name) {
      this.signatureAlgorithm = name;
      return this;
    }

    public Spec rsa(int bits) {
      this.keyAlgorithm = "RSA";
      this.rsaBits = bits;
      return this;
    }

    public Spec purpose(KeyPurposeId purpose) {
      this.purpose = purpose;
      return this;
    }

    public Issued issue() {
      try {
        KeyPair pair = keyPair();
        X509Certificate issuerCert = issuer == null ? null : issuer.cert();
        X500Name issuerName =
            issuerCert == null
                ? new X500Name(subject)
                : X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                    issuerName,
                    new BigInteger(120, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name(subject),
                    pair.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        if (ca) {
          b.addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        }
        PrivateKey signer = issuer == null ? pair.getPrivate() : issuer.key();
        String alg =
            signatureAlgorithm != null
                ? signatureAlgorithm
                : signer.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        X509Certificate cert =
            new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer)));
        return new Issued(pair, cert);
      } catch (Exception e) {
        throw new IllegalStateException("cannot issue " + subject, e);
      }
    }

    private KeyPair keyPair() throws Exception {
      if (keyAlgorithm.equals("RSA")) {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(rsaBits);
        return g.generateKeyPair();
      }
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    }
  }

  public static Spec cert(String subject) {
    return new Spec(subject);
  }

  /** A self-signed root CA. */
  public static Issued root(String subject) {
    return cert(subject)
        .ca()
        .validity(
            Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(3650)))
        .issue();
  }
}
