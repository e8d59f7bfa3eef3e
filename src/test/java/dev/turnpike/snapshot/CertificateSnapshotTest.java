package dev.turnpike.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.AcmCertificate;
import dev.turnpike.model.DomainName;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.tls.AcmCertificates;
import dev.turnpike.tls.CertificateInventory;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing about a certificate takes TLS down: a corrupted key, a deleted certificate a domain still
 * names, or an unreadable document leave the domain with the context it served before, and the
 * server log gets one clear line.
 */
class CertificateSnapshotTest {
  static final String ACCOUNT = "123456789012";
  static final String ID = "0f2c1b8e-0000-4000-8000-000000000001";
  static final String ARN = "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/" + ID;
  static final DocumentKey CERT = DocumentKey.of(ACCOUNT, Kinds.ACM_CERTIFICATE, ID);

  @TempDir Path dir;

  ConfigStore store;
  SnapshotCompiler compiler;
  List<String> log = new ArrayList<>();
  AcmCertificate good;

  @BeforeEach
  void setUp() throws Exception {
    store = JdbcConfigStore.embedded(dir.resolve("store"));
    compiler = new SnapshotCompiler(TemplateEngine.create()).withProblemLog(log::add);
    LocalCa ca = LocalCa.loadOrCreate(dir.resolve("ca"), Clock.systemUTC());
    good =
        AcmCertificates.of(
            ARN,
            "IMPORTED",
            ca.issue(List.of("api.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(10)),
            1L,
            1L,
            null,
            null,
            1);
    DomainName dn =
        new DomainName(
            "api.example.com",
            null,
            null,
            null,
            "d-abc.execute-api.us-east-1.localhost",
            null,
            null,
            ARN,
            null,
            null,
            new DomainName.EndpointConfiguration(List.of("REGIONAL"), null),
            "AVAILABLE",
            null,
            "TLS_1_2",
            null);
    store.commit(
        List.of(
            Write.put(CERT, Documents.write(good)),
            Write.put(
                DocumentKey.of(ACCOUNT, Kinds.DOMAIN_NAME, "api.example.com"),
                Documents.write(dn))));
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void compile_inventoryListsTheCertificateAndTheDomainUsingIt() {
    CertificateInventory inv = compiler.compile(store).certificates().inventory();
    assertThat(inv.certificates())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.arn()).isEqualTo(ARN);
              assertThat(c.type()).isEqualTo("IMPORTED");
              assertThat(c.names()).containsExactly("api.example.com");
              assertThat(c.notAfter()).isEqualTo(good.notAfter());
            });
    assertThat(inv.domains())
        .containsExactly(new CertificateInventory.DomainUse(ACCOUNT, "api.example.com", ARN));
  }

  @Test
  void compile_corruptedPrivateKey_keepsServingThePreviousContextAndLogsOnce() {
    SslContext before = compiler.compile(store).certificates().select("api.example.com");
    assertThat(before).isNotNull();
    AcmCertificate corrupted =
        new AcmCertificate(
            ARN,
            "IMPORTED",
            good.domainName(),
            good.subjectAlternativeNames(),
            good.certificatePem(),
            "",
            "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
            good.keyAlgorithm(),
            good.signatureAlgorithm(),
            good.serial(),
            good.subject(),
            good.issuer(),
            good.notBefore(),
            good.notAfter(),
            1L,
            1L,
            null,
            null,
            2);
    store.commit(List.of(Write.put(CERT, Documents.write(corrupted))));

    assertThat(compiler.compile(store).certificates().select("api.example.com")).isSameAs(before);
    assertThat(compiler.compile(store).certificates().select("api.example.com")).isSameAs(before);
    assertThat(log)
        .singleElement()
        .asString()
        .startsWith(
            "turnpike: ERROR domain api.example.com: certificate "
                + "not loaded, serving the previous one:")
        .doesNotContain("AAAA");
  }

  @Test
  void compile_deletedCertificateStillReferenced_keepsServingThePreviousContext() {
    SslContext before = compiler.compile(store).certificates().select("api.example.com");
    store.commit(List.of(Write.delete(CERT)));

    GatewaySnapshot after = compiler.compile(store);
    assertThat(after.certificates().select("api.example.com")).isSameAs(before);
    assertThat(after.certificates().inventory().find(ACCOUNT, ARN)).isNull();
    assertThat(log)
        .singleElement()
        .asString()
        .contains("domain api.example.com")
        .contains("certificate " + ARN + " not found");
  }

  @Test
  void compile_unreadableCertificateDocument_isReportedAndTheDomainKeepsItsContext() {
    SslContext before = compiler.compile(store).certificates().select("api.example.com");
    store.commit(List.of(Write.put(CERT, "{\"notAfter\":\"never\"}")));

    assertThat(compiler.compile(store).certificates().select("api.example.com")).isSameAs(before);
    assertThat(log)
        .anySatisfy(
            l -> assertThat(l).startsWith("turnpike: ERROR certificate " + ID + ": unreadable"));
  }

  @Test
  void compile_unparseableStoredChain_keepsServingThePreviousContext() {
    SslContext before = compiler.compile(store).certificates().select("api.example.com");
    AcmCertificate badChain =
        new AcmCertificate(
            ARN,
            "IMPORTED",
            good.domainName(),
            good.subjectAlternativeNames(),
            good.certificatePem(),
            "-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----\n",
            good.privateKeyPem(),
            good.keyAlgorithm(),
            good.signatureAlgorithm(),
            good.serial(),
            good.subject(),
            good.issuer(),
            good.notBefore(),
            good.notAfter(),
            1L,
            1L,
            null,
            null,
            2);
    store.commit(List.of(Write.put(CERT, Documents.write(badChain))));

    assertThat(compiler.compile(store).certificates().select("api.example.com")).isSameAs(before);
    assertThat(log)
        .singleElement()
        .asString()
        .contains("domain api.example.com: certificate not loaded");
  }
}
