package dev.turnpike.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What ACM checks on ImportCertificate, in its order: the certificate parses (one certificate,
 * PEM), the key parses and is a supported type, the key belongs to the certificate, and the chain
 * (intermediates first, root optional and last) links the certificate up by issuer name and
 * signature. Expiry is not a refusal: an expired certificate imports and is reported EXPIRED (and
 * keeps being served, as AWS does). Messages follow ACM where known
 * (https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html); exact
 * wording of some is not confirmed against AWS.
 */
public final class CertificateChecks {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateChecks() {}

  /** Parses and validates an import; returns the key with its chain (leaf first). */
  public static CertifiedKey validateImport(
      String certificatePem, String privateKeyPem, @Nullable String chainPem) throws TlsException {
    List<X509Certificate> leaf = Pem.certificates(certificatePem);
    if (leaf.size() != 1) {
      throw new TlsException(
          "The certificate field contains more than one certificate. You can specify only one "
              + "certificate in this field.");
    }
    KeyAlgorithm algorithm = KeyAlgorithm.of(leaf.get(0).getPublicKey());
    if (algorithm == null) {
      throw new TlsException(
          "The certificate's key algorithm is not supported (expected: RSA 1024-4096 or "
              + "EC prime256v1/secp384r1/secp521r1): "
              + leaf.get(0).getPublicKey().getAlgorithm());
    }
    PrivateKey key = Pem.privateKey(privateKeyPem);
    if (!keyMatches(key, leaf.get(0))) {
      throw new TlsException("The private key does not match the public key in the certificate.");
    }
    List<X509Certificate> chain = new ArrayList<>(leaf);
    if (chainPem != null && !chainPem.isBlank()) {
      List<X509Certificate> intermediates;
      try {
        intermediates = Pem.certificates(chainPem);
      } catch (TlsException e) {
        throw new TlsException(
            "Unable to parse the certificate chain. Please ensure the chain is in PEM format.");
      }
      chain.addAll(intermediates);
      checkChain(chain);
    }
    return new CertifiedKey(key, chain);
  }

  /** True when {@code key} signs what the certificate's public key verifies. */
  public static boolean keyMatches(PrivateKey key, X509Certificate certificate) {
    String alg =
        certificate.getPublicKey().getAlgorithm().equals("RSA")
            ? "SHA256withRSA"
            : "SHA256withECDSA";
    if (!key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
      return false;
    }
    try {
      byte[] data = new byte[32];
      RANDOM.nextBytes(data);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(data);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(certificate.getPublicKey());
      v.update(data);
      return v.verify(sig);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Each certificate must be issued (name and signature) by the next one. */
  static void checkChain(List<X509Certificate> chain) throws TlsException {
    for (int i = 0; i + 1 < chain.size(); i++) {
      X509Certificate child = chain.get(i);
      X509Certificate parent = chain.get(i + 1);
      if (!child.getIssuerX500Principal().equals(parent.getSubjectX500Principal())) {
        throw new TlsException(
            "Could not validate the certificate with the certificate chain. Certificate "
                + (i + 1)
                + " ("
                + child.getSubjectX500Principal().getName()
                + ") was issued by "
                + child.getIssuerX500Principal().getName()
                + ", but the next certificate in the chain is "
                + parent.getSubjectX500Principal().getName()
                + " (intermediates first, root last).");
      }
      try {
        child.verify(parent.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new TlsException(
            "Could not validate the certificate with the certificate chain. The signature of "
                + child.getSubjectX500Principal().getName()
                + " does not verify with the key of "
                + parent.getSubjectX500Principal().getName()
                + ".");
      }
    }
  }
}
