package dev.turnpike.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.JdbcConfigStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start/daily check on a fixed clock: which lines the server log gets, and the default
 * certificate's renewal.
 */
class CertificateLifecycleTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final long DAY = Duration.ofDays(1).toMillis();

  @TempDir Path dir;

  ConfigStore store;
  LocalCa ca;
  Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  List<String> log = new ArrayList<>();
  AtomicInteger awaits = new AtomicInteger();

  @BeforeEach
  void open() throws Exception {
    store = JdbcConfigStore.embedded(dir.resolve("store"));
    ca = LocalCa.loadOrCreate(dir.resolve("ca"), clock);
  }

  @AfterEach
  void close() {
    store.close();
  }

  static CertificateInventory.Certificate cert(
      String arn, String type, long notAfter, String... names) {
    return new CertificateInventory.Certificate(
        "123456789012", arn, type, List.of(names), notAfter);
  }

  static CertificateInventory.DomainUse use(String domain, String arn) {
    return new CertificateInventory.DomainUse("123456789012", domain, arn);
  }

  CertificateLifecycle lifecycle(DefaultCertificate def, CertificateInventory inventory) {
    return new CertificateLifecycle(
        new CertificateRenewal(store, ca, clock, log::add),
        def,
        ca,
        () -> inventory.withDefault(def.describe(), def.name()),
        awaits::incrementAndGet,
        clock,
        log::add);
  }

  @Test
  void check_certificatesInUseWithin30DaysOrExpired_getOneWarnLineEach() throws Exception {
    long soon = NOW.toEpochMilli() + 10 * DAY - 1; // 9 days 23:59:59.999 left: 9 whole days
    long expired = NOW.toEpochMilli() - 3 * DAY;
    long fine = NOW.toEpochMilli() + 31 * DAY;
    CertificateInventory inv =
        new CertificateInventory(
            List.of(
                cert("arn:soon", "IMPORTED", soon, "api.example.com"),
                cert("arn:expired", "IMPORTED", expired, "*.old.example.com"),
                cert("arn:fine", "IMPORTED", fine, "fine.example.com"),
                cert("arn:unused", "IMPORTED", expired, "unused.example.com")),
            List.of(
                use("api.example.com", "arn:soon"),
                use("a.old.example.com", "arn:expired"),
                use("fine.example.com", "arn:fine")));
    DefaultCertificate def =
        DefaultCertificate.issue(ca, List.of("*.execute-api.us-east-1.localhost"));

    List<String> warnings = lifecycle(def, inv).check();

    assertThat(warnings)
        .containsExactly(
            "turnpike: WARN certificate expires soon: domain api.example.com, certificate arn:soon,"
                + " NotAfter "
                + Instant.ofEpochMilli(soon)
                + ", 9 days left (imported certificates are not renewed: re-import a "
                + "renewed one); read: turnpike kb show certificate-expired-invalid",
            "turnpike: WARN certificate expired: domain a.old.example.com, certificate arn:expired,"
                + " NotAfter 2026-11-22T12:00:00Z, -3 days left (still served; clients refuse it"
                + " until it is replaced); read: turnpike kb show certificate-expired-invalid");
    assertThat(log).isEqualTo(warnings);
    assertThat(awaits).hasValue(0); // nothing renewed: no snapshot to wait for
  }

  @Test
  void check_defaultCertificateWithin60Days_isReissuedAndServed() throws Exception {
    LocalCa past = ca.withClock(Clock.fixed(NOW.minus(Duration.ofDays(340)), ZoneOffset.UTC));
    DefaultCertificate def =
        DefaultCertificate.issue(past, List.of("*.execute-api.us-east-1.localhost", "localhost"));
    var before = def.context();
    long notAfterBefore = def.describe().notAfter();

    assertThat(lifecycle(def, CertificateInventory.empty()).check()).isEmpty();

    assertThat(def.context()).isNotSameAs(before);
    assertThat(def.describe().notAfter())
        .isEqualTo(NOW.plus(LocalCa.LEAF_VALIDITY).toEpochMilli())
        .isGreaterThan(notAfterBefore);
    assertThat(def.describe().names())
        .containsExactly("*.execute-api.us-east-1.localhost", "localhost");
    assertThat(log)
        .singleElement()
        .asString()
        .startsWith("turnpike: renewed the default certificate *.execute-api.us-east-1.localhost");
  }

  @Test
  void check_renewedAcmCertificate_waitsForTheSnapshotBeforeWarning() throws Exception {
    CertificateRenewalTest.put(
        store,
        "r",
        "AMAZON_ISSUED",
        ca.withClock(Clock.fixed(NOW.minus(Duration.ofDays(350)), ZoneOffset.UTC))
            .issue(List.of("r.example.com"), KeyAlgorithm.EC_prime256v1, LocalCa.LEAF_VALIDITY));
    DefaultCertificate def =
        DefaultCertificate.issue(ca, List.of("*.execute-api.us-east-1.localhost"));

    lifecycle(def, CertificateInventory.empty()).check();

    assertThat(awaits).hasValue(1);
    assertThat(log)
        .singleElement()
        .asString()
        .startsWith("turnpike: renewed certificate " + CertificateRenewalTest.arn("r"));
  }
}
