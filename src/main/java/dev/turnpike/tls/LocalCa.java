package dev.turnpike.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Turnpike's own certificate authority: an ECDSA P-256 key and a self-signed CA certificate,
 * created on first start in the data directory ({@code ca.pem}, and {@code ca-key.pem} with mode
 * 0600) and reused afterwards. It issues the default {@code *.execute-api.{region}.{suffix}}
 * certificate and what ACM's RequestCertificate returns (AWS issues those from its own CAs after
 * validation; here they are issued at once). Trust {@code ca.pem} to call Turnpike over HTTPS
 * without disabling verification ({@code turnpike ca trust}).
 */
public final class LocalCa {
  /** ACM-issued certificates are valid for 395 days (13 months). */
  public static final Duration LEAF_VALIDITY = Duration.ofDays(395);

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final Path certificateFile;
  private final Clock clock;

  private LocalCa(PrivateKey key, X509Certificate certificate, Path certificateFile, Clock clock) {
    this.key = key;
    this.certificate = certificate;
    this.certificateFile = certificateFile;
    this.clock = clock;
  }

  /** Loads the CA from {@code dir}, or creates it there when neither file exists yet. */
  public static LocalCa loadOrCreate(Path dir, Clock clock) throws IOException, TlsException {
    Path certFile = dir.resolve("ca.pem");
    Path keyFile = dir.resolve("ca-key.pem");
    if (Files.exists(certFile) || Files.exists(keyFile)) {
      // Never replace a CA that fails to load: clients trust it. Say which file is wrong and how to
      // recover.
      String recover =
          " (restore it from a backup, or move ca.pem and ca-key.pem away to create a new CA and "
              + "trust the new ca.pem)";
      X509Certificate cert;
      PrivateKey key;
      try {
        cert = Pem.certificates(Files.readString(certFile, StandardCharsets.US_ASCII)).get(0);
      } catch (IOException | TlsException e) {
        throw new TlsException(
            "the local CA certificate " + certFile + " cannot be read: " + e.getMessage() + recover,
            e);
      }
      try {
        key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
      } catch (IOException | TlsException e) {
        throw new TlsException(
            "the local CA key " + keyFile + " cannot be read: " + e.getMessage() + recover, e);
      }
      if (!CertificateChecks.keyMatches(key, cert)) {
        throw new TlsException(keyFile + " does not belong to " + certFile + recover);
      }
      return new LocalCa(key, cert, certFile, clock);
    }
    KeyPair pair = KeyAlgorithm.EC_prime256v1.generate();
    Instant now = clock.instant();
    X500Name name =
        new X500Name(
            "CN=Turnpike Local CA " + Long.toHexString(RANDOM.nextLong() >>> 16) + ",O=Turnpike");
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(CA_VALIDITY)),
                  name,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate cert = sign(b, pair.getPrivate(), "SHA256withECDSA");
      Files.createDirectories(dir);
      Path tmpKey = keyFile.resolveSibling("ca-key.pem.tmp");
      Files.deleteIfExists(tmpKey);
      Files.createFile(
          tmpKey,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(tmpKey, Pem.encode(pair.getPrivate()), StandardCharsets.US_ASCII);
      Files.move(tmpKey, keyFile);
      Files.writeString(certFile, Pem.encode(cert), StandardCharsets.US_ASCII);
      return new LocalCa(pair.getPrivate(), cert, certFile, clock);
    } catch (GeneralSecurityException | CertIOException e) {
      throw new TlsException("cannot create the local CA: " + e.getMessage(), e);
    }
  }

  /** The same CA (key and certificate) issuing with {@code other} as "now". */
  public LocalCa withClock(Clock other) {
    return new LocalCa(key, certificate, certificateFile, other);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public Path certificateFile() {
    return certificateFile;
  }

  /**
   * A server certificate for {@code names} (the first is the CN), chained to this CA, valid from
   * now.
   */
  public CertifiedKey issue(List<String> names, KeyAlgorithm algorithm, Duration validity)
      throws TlsException {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("names: empty (expected: at least one DNS name)");
    }
    KeyPair pair = algorithm.generate();
    Instant now = clock.instant();
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      GeneralName[] sans =
          names.stream()
              .map(n -> new GeneralName(GeneralName.dNSName, n))
              .toArray(GeneralName[]::new);
      int usage = KeyUsage.digitalSignature | (algorithm.isRsa() ? KeyUsage.keyEncipherment : 0);
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  serial(),
                  Date.from(now.minus(Duration.ofMinutes(5))),
                  Date.from(now.plus(validity)),
                  new X500Name("CN=" + names.get(0)),
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic()))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(certificate));
      return new CertifiedKey(
          pair.getPrivate(), List.of(sign(b, key, "SHA256withECDSA"), certificate));
    } catch (GeneralSecurityException | CertIOException e) {
      throw new TlsException("cannot issue a certificate for " + names + ": " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(
      X509v3CertificateBuilder b, PrivateKey signer, String algorithm)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(algorithm).build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }
}
