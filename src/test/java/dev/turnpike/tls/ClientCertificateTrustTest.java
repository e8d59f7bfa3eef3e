package dev.turnpike.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/**
 * Client-certificate chain validation in the handshake (spec 3.6, AWS "Configuring mutual TLS":
 * validity, integrity, name/key chaining up to the truststore, chain length four, no revocation; KC
 * "api-gateway-mutual-tls-403-errors": issuer not found, insecure signature algorithm,
 * self-signed).
 */
class ClientCertificateTrustTest {
  static final TestPki.Issued ROOT = TestPki.root("CN=Client Root");
  static final TestPki.Issued INTER =
      TestPki.cert("CN=Client Intermediate").ca().issuedBy(ROOT).issue();

  static ClientCertificateTrust trust(TestPki.Issued... certs) throws Exception {
    StringBuilder pem = new StringBuilder();
    for (TestPki.Issued c : certs) {
      pem.append(c.pem());
    }
    return ClientCertificateTrust.of(Truststore.read(pem.toString(), Instant.now()));
  }

  static X509Certificate[] chain(TestPki.Issued... certs) {
    X509Certificate[] out = new X509Certificate[certs.length];
    for (int i = 0; i < certs.length; i++) {
      out[i] = certs[i].cert();
    }
    return out;
  }

  @Test
  void check_leafIssuedByTrustedRoot_passes() throws Exception {
    TestPki.Issued leaf = TestPki.cert("CN=alice").issuedBy(ROOT).issue();
    assertThatCode(() -> trust(ROOT).check(chain(leaf))).doesNotThrowAnyException();
  }

  @Test
  void check_leafOfIntermediate_inTruststore_passesWithLeafAlone() throws Exception {
    TestPki.Issued leaf = TestPki.cert("CN=bob").issuedBy(INTER).issue();
    assertThatCode(() -> trust(INTER, ROOT).check(chain(leaf))).doesNotThrowAnyException();
  }

  @Test
  void check_leafOfIntermediate_rootOnlyInTruststore_passesWhenClientSendsTheIntermediate()
      throws Exception {
    TestPki.Issued leaf = TestPki.cert("CN=carol").issuedBy(INTER).issue();
    assertThatCode(() -> trust(ROOT).check(chain(leaf, INTER))).doesNotThrowAnyException();
    assertThatThrownBy(() -> trust(ROOT).check(chain(leaf)))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void check_otherCa_fails() throws Exception {
    TestPki.Issued other = TestPki.root("CN=Other Root");
    TestPki.Issued leaf = TestPki.cert("CN=mallory").issuedBy(other).issue();
    assertThatThrownBy(() -> trust(ROOT).check(chain(leaf)))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void check_selfSignedClient_fails() throws Exception {
    TestPki.Issued self = TestPki.cert("CN=self").issue();
    assertThatThrownBy(() -> trust(ROOT).check(chain(self)))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void check_expiredLeaf_fails() throws Exception {
    TestPki.Issued leaf =
        TestPki.cert("CN=expired")
            .issuedBy(ROOT)
            .validity(
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)))
            .issue();
    assertThatThrownBy(() -> trust(ROOT).check(chain(leaf)))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void check_sha1Leaf_failsWithAwsReason() throws Exception {
    TestPki.Issued leaf =
        TestPki.cert("CN=sha1").issuedBy(ROOT).signatureAlgorithm("SHA1withECDSA").issue();
    assertThatThrownBy(() -> trust(ROOT).check(chain(leaf)))
        .isInstanceOf(CertificateException.class)
        .hasMessageStartingWith("Client cert using an insecure Signature Algorithm");
  }

  @Test
  void check_serverAuthOnlyLeaf_failsKeyUsage() throws Exception {
    TestPki.Issued leaf =
        TestPki.cert("CN=server-only")
            .issuedBy(ROOT)
            .purpose(KeyPurposeId.id_kp_serverAuth)
            .issue();
    assertThatThrownBy(() -> trust(ROOT).check(chain(leaf)))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void check_moreThanFourCaCertificates_fails() throws Exception {
    // Root + 3 intermediates above the client certificate pass, a 4th intermediate does not (AWS
    // "maximum chain
    // length of four", counted as CA certificates by a reproduction against AWS; see
    // ClientCertificateTrust).
    TestPki.Issued i1 = TestPki.cert("CN=I1").ca().issuedBy(ROOT).issue();
    TestPki.Issued i2 = TestPki.cert("CN=I2").ca().issuedBy(i1).issue();
    TestPki.Issued i3 = TestPki.cert("CN=I3").ca().issuedBy(i2).issue();
    TestPki.Issued i4 = TestPki.cert("CN=I4").ca().issuedBy(i3).issue();
    TestPki.Issued ok = TestPki.cert("CN=under-i3").issuedBy(i3).issue();
    TestPki.Issued tooLong = TestPki.cert("CN=under-i4").issuedBy(i4).issue();
    assertThatCode(() -> trust(ROOT).check(chain(ok, i3, i2, i1))).doesNotThrowAnyException();
    assertThatThrownBy(() -> trust(ROOT).check(chain(tooLong, i4, i3, i2, i1)))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("more than 4 CA certificates");
    // Intermediates in the truststore count the same way.
    assertThatThrownBy(() -> trust(i4, i3, i2, i1, ROOT).check(chain(tooLong)))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void check_noCertificate_fails() throws Exception {
    assertThatThrownBy(() -> trust(ROOT).check(new X509Certificate[0]))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void check_truststoreWithOnlyInvalidCertificates_refusesEveryone() throws Exception {
    TestPki.Issued expired =
        TestPki.cert("CN=Dead Root")
            .ca()
            .validity(
                Instant.now().minus(Duration.ofDays(10)), Instant.now().minus(Duration.ofDays(1)))
            .issue();
    TestPki.Issued leaf = TestPki.cert("CN=dave").issuedBy(ROOT).issue();
    assertThatThrownBy(() -> trust(expired).check(chain(leaf)))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void acceptedIssuers_areTheAnchors() throws Exception {
    assertThat(trust(INTER, ROOT).getAcceptedIssuers()).containsExactly(INTER.cert(), ROOT.cert());
  }

  @Test
  void describe_formatsAsAwsShowsIt() {
    TestPki.Issued leaf = TestPki.cert("O=Example,CN=alice").issuedBy(ROOT).issue();
    var d = ClientCertificates.describe(leaf.cert());
    assertThat(d.subjectDN()).isEqualTo("CN=alice,O=Example");
    assertThat(d.issuerDN()).isEqualTo("CN=Client Root");
    assertThat(d.serialNumber()).matches("[0-9a-f]{2}(:[0-9a-f]{2})*");
    assertThat(d.notAfter()).matches("[A-Z][a-z]{2} [ 1-3][0-9] \\d{2}:\\d{2}:\\d{2} \\d{4} GMT");
    assertThat(d.clientCertPem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(ClientCertificates.serial(java.math.BigInteger.valueOf(0xa1b2))).isEqualTo("a1:b2");
  }
}
