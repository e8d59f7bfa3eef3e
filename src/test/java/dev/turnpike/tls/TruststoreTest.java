package dev.turnpike.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Truststore parsing and warnings (spec 3.6;
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mutual-tls.html: "Invalid
 * certificates produce warnings. Mutual TLS is still enabled"; SHA-256+, RSA-2048+, ECDSA-256+; the
 * complete chain up to the root).
 */
class TruststoreTest {
  private static final Instant NOW = Instant.now();

  @Test
  void read_validRootAndIntermediate_noWarningsBothAnchors() throws Exception {
    TestPki.Issued root = TestPki.root("CN=Root");
    TestPki.Issued inter = TestPki.cert("CN=Intermediate").ca().issuedBy(root).issue();
    Truststore t = Truststore.read(inter.pem() + root.pem(), NOW);
    assertThat(t.warnings()).isEmpty();
    assertThat(t.anchors()).containsExactly(inter.cert(), root.cert());
  }

  @Test
  void read_expiredCa_warnsWithSubjectAndDropsIt() throws Exception {
    TestPki.Issued good = TestPki.root("CN=Good Root");
    TestPki.Issued old =
        TestPki.cert("CN=Old Root")
            .ca()
            .validity(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)))
            .issue();
    Truststore t = Truststore.read(good.pem() + old.pem(), NOW);
    assertThat(t.warnings())
        .singleElement()
        .asString()
        .startsWith("Certificate CN=Old Root has expired (notAfter ");
    assertThat(t.anchors()).containsExactly(good.cert());
  }

  @Test
  void read_notYetValid_warns() throws Exception {
    TestPki.Issued future =
        TestPki.cert("CN=Future")
            .ca()
            .validity(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(10)))
            .issue();
    assertThat(Truststore.read(future.pem(), NOW).warnings())
        .singleElement()
        .asString()
        .startsWith("Certificate CN=Future is not yet valid");
  }

  @Test
  void read_sha1Signature_warnsInsecureAlgorithm() throws Exception {
    TestPki.Issued weak =
        TestPki.cert("CN=Sha1 Root").ca().rsa(2048).signatureAlgorithm("SHA1withRSA").issue();
    Truststore t = Truststore.read(weak.pem(), NOW);
    assertThat(t.warnings())
        .containsExactly(
            "Certificate CN=Sha1 Root uses an insecure signature algorithm "
                + "SHA1withRSA (expected: SHA-256 or stronger).");
    assertThat(t.anchors()).isEmpty();
  }

  @Test
  void read_rsa1024_warnsWeakKey() throws Exception {
    TestPki.Issued weak = TestPki.cert("CN=Small Root").ca().rsa(1024).issue();
    assertThat(Truststore.read(weak.pem(), NOW).warnings())
        .containsExactly(
            "Certificate CN=Small Root has a weak key: RSA 1024 bits (expected: RSA-2048 or"
                + " stronger).");
  }

  @Test
  void read_intermediateWithoutItsRoot_warnsIncompleteChain() throws Exception {
    TestPki.Issued root = TestPki.root("CN=Missing Root");
    TestPki.Issued inter = TestPki.cert("CN=Orphan").ca().issuedBy(root).issue();
    Truststore t = Truststore.read(inter.pem(), NOW);
    assertThat(t.warnings())
        .containsExactly(
            "Certificate CN=Orphan was issued by CN=Missing Root, which is not in "
                + "the truststore (include the complete chain up to the root CA).");
    assertThat(t.anchors()).isEmpty();
  }

  @Test
  void read_intermediateUnderAnExpiredRoot_warnsForBoth() throws Exception {
    TestPki.Issued root =
        TestPki.cert("CN=Expired Root")
            .ca()
            .validity(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)))
            .issue();
    TestPki.Issued inter = TestPki.cert("CN=Child").ca().issuedBy(root).issue();
    Truststore t = Truststore.read(inter.pem() + root.pem(), NOW);
    assertThat(t.warnings()).hasSize(2);
    assertThat(t.warnings().get(0))
        .startsWith(
            "Certificate CN=Child chains to an invalid certificate: "
                + "Certificate CN=Expired Root has expired");
    assertThat(t.anchors()).isEmpty();
  }

  @Test
  void read_forgedSignature_warns() throws Exception {
    TestPki.Issued real = TestPki.root("CN=Same Name");
    TestPki.Issued impostor = TestPki.root("CN=Same Name");
    TestPki.Issued inter = TestPki.cert("CN=Signed By Impostor").ca().issuedBy(impostor).issue();
    Truststore t = Truststore.read(real.pem() + inter.pem(), NOW);
    assertThat(t.warnings())
        .containsExactly(
            "Certificate CN=Signed By Impostor has a signature that does not verify "
                + "with the key of its issuer CN=Same Name.");
    assertThat(t.anchors()).containsExactly(real.cert());
  }

  @Test
  void read_selfSignedLeaf_warnsNotACaButKeepsIt() throws Exception {
    TestPki.Issued leaf = TestPki.cert("CN=Pinned Client").issue();
    Truststore t = Truststore.read(leaf.pem(), NOW);
    assertThat(t.warnings())
        .singleElement()
        .asString()
        .startsWith("Certificate CN=Pinned Client is not a CA " + "certificate");
    assertThat(t.anchors()).containsExactly(leaf.cert());
  }

  @Test
  void read_notPem_isRefused() {
    assertThatThrownBy(() -> Truststore.read("hello", NOW))
        .isInstanceOf(TlsException.class)
        .hasMessageStartingWith("Unable to parse the truststore");
    assertThatThrownBy(() -> Truststore.read("", NOW)).isInstanceOf(TlsException.class);
  }

  @Test
  void read_keyInTheBundle_isRefused() {
    TestPki.Issued root = TestPki.root("CN=Root With Key");
    assertThatThrownBy(() -> Truststore.read(root.pem() + root.keyPem(), NOW))
        .isInstanceOf(TlsException.class)
        .hasMessageContaining("nothing else");
  }
}
