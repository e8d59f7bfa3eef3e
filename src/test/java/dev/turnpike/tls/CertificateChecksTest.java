package dev.turnpike.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImportCertificate's checks
 * (https://docs.aws.amazon.com/acm/latest/userguide/import-certificate-prerequisites.html).
 */
class CertificateChecksTest {
  @TempDir Path dir;
  LocalCa ca;
  CertifiedKey good;

  @BeforeEach
  void setUp() throws Exception {
    ca = LocalCa.loadOrCreate(dir, Clock.systemUTC());
    good = ca.issue(List.of("api.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(30));
  }

  @Test
  void validateImport_goodCertKeyAndChain_returnsLeafFirst() throws Exception {
    CertifiedKey k =
        CertificateChecks.validateImport(
            Pem.encode(good.leaf()), Pem.encode(good.key()), Pem.encode(ca.certificate()));
    assertThat(k.chain()).containsExactly(good.leaf(), ca.certificate());
  }

  @Test
  void validateImport_keyOfAnotherCertificate_isRefused() throws Exception {
    CertifiedKey other =
        ca.issue(List.of("api.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(30));
    assertThatThrownBy(
            () ->
                CertificateChecks.validateImport(
                    Pem.encode(good.leaf()), Pem.encode(other.key()), null))
        .hasMessage("The private key does not match the public key in the certificate.");
  }

  @Test
  void validateImport_chainOfAnotherCa_isRefused() throws Exception {
    LocalCa stranger =
        LocalCa.loadOrCreate(
            java.nio.file.Files.createDirectory(dir.resolve("x")), Clock.systemUTC());
    assertThatThrownBy(
            () ->
                CertificateChecks.validateImport(
                    Pem.encode(good.leaf()),
                    Pem.encode(good.key()),
                    Pem.encode(stranger.certificate())))
        .hasMessageStartingWith("Could not validate the certificate with the certificate chain.");
  }

  @Test
  void validateImport_malformedPem_isRefused() {
    assertThatThrownBy(
            () ->
                CertificateChecks.validateImport(
                    "-----BEGIN CERTIFICATE-----\nnot base64!\n" + "-----END CERTIFICATE-----\n",
                    Pem.encode(good.key()),
                    null))
        .hasMessage("Unable to parse certificate. Please ensure the certificate is in PEM format.");
    assertThatThrownBy(
            () -> CertificateChecks.validateImport("hello", Pem.encode(good.key()), null))
        .hasMessage("Unable to parse certificate. Please ensure the certificate is in PEM format.");
  }

  @Test
  void validateImport_twoCertificatesInTheCertificateField_isRefused() {
    assertThatThrownBy(
            () ->
                CertificateChecks.validateImport(
                    Pem.encode(good.chain()), Pem.encode(good.key()), null))
        .hasMessageContaining("contains more than one certificate");
  }

  @Test
  void validateImport_pkcs1RsaKey_isAccepted() throws Exception {
    CertifiedKey rsa =
        ca.issue(List.of("a.example.com"), KeyAlgorithm.RSA_2048, Duration.ofDays(1));
    var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(rsa.key().getEncoded());
    String pkcs1 =
        "-----BEGIN RSA PRIVATE KEY-----\n"
            + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(info.parsePrivateKey().toASN1Primitive().getEncoded())
            + "\n-----END RSA PRIVATE KEY-----\n";
    assertThat(CertificateChecks.validateImport(Pem.encode(rsa.leaf()), pkcs1, null).leaf())
        .isEqualTo(rsa.leaf());
  }

  @Test
  void validateImport_unsupportedKeyType_isRefused() throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
    java.security.KeyPair pair = g.generateKeyPair();
    var name = new org.bouncycastle.asn1.x500.X500Name("CN=ed.example.com");
    var cert =
        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter()
            .getCertificate(
                new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                        name,
                        java.math.BigInteger.TEN,
                        new java.util.Date(),
                        new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                        name,
                        pair.getPublic())
                    .build(
                        new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("Ed25519")
                            .build(pair.getPrivate())));
    assertThatThrownBy(
            () ->
                CertificateChecks.validateImport(
                    Pem.encode(cert), Pem.encode(pair.getPrivate()), null))
        .hasMessageContaining("key algorithm is not supported");
  }
}
