package dev.turnpike.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.AcmCertificate;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.JdbcConfigStore;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Managed renewal against a real store, with the local CA and the check on fixed clocks. */
class CertificateRenewalTest {
  static final String ACCOUNT = "123456789012";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  ConfigStore store;
  LocalCa ca;
  List<String> log = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    store = JdbcConfigStore.embedded(dir.resolve("store"));
    ca = LocalCa.loadOrCreate(dir.resolve("ca"), Clock.fixed(T0, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    store.close();
  }

  static String arn(String id) {
    return "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/" + id;
  }

  /**
   * Stores a certificate as RequestCertificate (AMAZON_ISSUED) or ImportCertificate (IMPORTED)
   * would.
   */
  static AcmCertificate put(ConfigStore store, String id, String type, CertifiedKey k) {
    long created = k.leaf().getNotBefore().getTime();
    AcmCertificate c =
        AcmCertificates.of(
            arn(id),
            type,
            k,
            created,
            "IMPORTED".equals(type) ? created : null,
            "IMPORTED".equals(type) ? null : created,
            Map.of("team", "edge"),
            1);
    store.commit(
        List.of(Write.put(DocumentKey.of(ACCOUNT, Kinds.ACM_CERTIFICATE, id), Documents.write(c))));
    return c;
  }

  AcmCertificate get(String id) {
    return Documents.read(
        store.get(DocumentKey.of(ACCOUNT, Kinds.ACM_CERTIFICATE, id)).orElseThrow(),
        AcmCertificate.class);
  }

  CertificateRenewal renewalAt(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new CertificateRenewal(store, ca.withClock(clock), clock, log::add);
  }

  @Test
  void renewDue_issuedWithin60DaysOfNotAfter_isReissuedUnderTheSameArn() throws Exception {
    CertifiedKey k =
        ca.issue(
            List.of("shop.example.com", "*.shop.example.com"),
            KeyAlgorithm.EC_prime256v1,
            LocalCa.LEAF_VALIDITY);
    AcmCertificate before = put(store, "a", "AMAZON_ISSUED", k);
    Instant now = T0.plus(Duration.ofDays(340)); // 55 days left

    assertThat(renewalAt(now).renewDue()).isEqualTo(1);

    AcmCertificate after = get("a");
    assertThat(after.certificateArn()).isEqualTo(before.certificateArn());
    assertThat(after.subjectAlternativeNames())
        .containsExactly("shop.example.com", "*.shop.example.com");
    assertThat(after.domainName()).isEqualTo("shop.example.com");
    assertThat(after.serial()).isNotEqualTo(before.serial());
    assertThat(after.notAfter()).isEqualTo(now.plus(LocalCa.LEAF_VALIDITY).toEpochMilli());
    assertThat(after.notBefore()).isGreaterThan(before.notBefore());
    assertThat(after.revision()).isEqualTo(2);
    assertThat(after.issuedAt()).isEqualTo(now.toEpochMilli());
    assertThat(after.createdAt()).isEqualTo(before.createdAt());
    assertThat(after.tags()).isEqualTo(Map.of("team", "edge"));
    assertThat(after.keyAlgorithm()).isEqualTo("EC_prime256v1");
    assertThat(after.renewalSummary())
        .isEqualTo(new AcmCertificate.RenewalSummary("SUCCESS", now.toEpochMilli(), null));
    assertThat(after.privateKeyPem()).isNotEqualTo(before.privateKeyPem());
    assertThat(log)
        .singleElement()
        .asString()
        .startsWith("turnpike: renewed certificate " + arn("a"))
        .contains("serial " + after.serial())
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void renewDue_moreThan60DaysLeft_leavesItAlone() throws Exception {
    put(
        store,
        "a",
        "AMAZON_ISSUED",
        ca.issue(List.of("a.example.com"), KeyAlgorithm.RSA_2048, LocalCa.LEAF_VALIDITY));
    assertThat(renewalAt(T0.plus(Duration.ofDays(334))).renewDue()).isZero(); // 61 days left
    assertThat(get("a").revision()).isEqualTo(1);
    assertThat(log).isEmpty();
  }

  @Test
  void renewDue_importedCertificate_isNeverRenewed() throws Exception {
    LocalCa external =
        LocalCa.loadOrCreate(dir.resolve("external"), Clock.fixed(T0, ZoneOffset.UTC));
    put(
        store,
        "i",
        "IMPORTED",
        external.issue(List.of("i.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(20)));
    assertThat(renewalAt(T0.plus(Duration.ofDays(15))).renewDue()).isZero();
    assertThat(get("i").revision()).isEqualTo(1);
    assertThat(get("i").renewalSummary()).isNull();
  }

  @Test
  void renewDue_alreadyExpired_isNotEligible() throws Exception {
    // ACM: "NOT ELIGIBLE if already expired"
    // (https://docs.aws.amazon.com/acm/latest/userguide/acm-renewal.html)
    put(
        store,
        "x",
        "AMAZON_ISSUED",
        ca.issue(List.of("x.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(10)));
    assertThat(renewalAt(T0.plus(Duration.ofDays(11))).renewDue()).isZero();
    assertThat(get("x").revision()).isEqualTo(1);
  }

  @Test
  void renewDue_unreadableDocument_isReportedAndTheOthersAreRenewed() throws Exception {
    store.commit(
        List.of(
            Write.put(
                DocumentKey.of(ACCOUNT, Kinds.ACM_CERTIFICATE, "broken"),
                "{\"notAfter\":\"soon\"}")));
    put(
        store,
        "a",
        "AMAZON_ISSUED",
        ca.issue(List.of("a.example.com"), KeyAlgorithm.EC_prime256v1, LocalCa.LEAF_VALIDITY));
    assertThat(renewalAt(T0.plus(Duration.ofDays(380))).renewDue()).isEqualTo(1);
    assertThat(log)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("turnpike: ERROR certificate document")
                    .contains("broken")
                    .contains("not renewed"));
  }
}
