package dev.turnpike.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.tls.CertificateInventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code doctor certificates} findings on a fixed clock. */
class CertificateDoctorTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final String ACCOUNT = "123456789012";

  static long inDays(long days) {
    return NOW.plus(Duration.ofDays(days)).toEpochMilli();
  }

  static CertificateInventory.Certificate cert(
      String arn, String type, long notAfter, String... names) {
    return new CertificateInventory.Certificate(ACCOUNT, arn, type, List.of(names), notAfter);
  }

  static CertificateInventory.DomainUse use(String domain, String arn) {
    return new CertificateInventory.DomainUse(ACCOUNT, domain, arn);
  }

  static JsonNode report(
      List<CertificateInventory.Certificate> certs, List<CertificateInventory.DomainUse> uses) {
    CertificateInventory inv =
        new CertificateInventory(certs, uses)
            .withDefault(
                new CertificateInventory.Certificate(
                    "",
                    CertificateInventory.DEFAULT_ARN,
                    CertificateInventory.DEFAULT_TYPE,
                    List.of("*.execute-api.us-east-1.localhost", "localhost"),
                    inDays(395)),
                "*.execute-api.us-east-1.localhost");
    return new CertificateDoctor(() -> inv, Clock.fixed(NOW, ZoneOffset.UTC)).certificates();
  }

  static List<String> levels(JsonNode report) {
    return report.path("findings").findValuesAsText("level");
  }

  @Test
  void certificates_allValidAndCovering_areOkWithExitZero() {
    JsonNode r =
        report(
            List.of(cert("arn:a", "AMAZON_ISSUED", inDays(300), "*.example.com")),
            List.of(use("api.example.com", "arn:a"), use("*.example.com", "arn:a")));
    assertThat(r.path("level").asText()).isEqualTo("OK");
    assertThat(r.path("exitCode").asInt()).isZero();
    assertThat(levels(r)).containsOnly("OK").hasSize(2);
    JsonNode def = r.path("certificates").get(0);
    assertThat(def.path("certificateArn").asText()).isEqualTo("default");
    assertThat(def.path("type").asText()).isEqualTo("TURNPIKE_DEFAULT");
    assertThat(def.path("domains").get(0).path("domainName").asText())
        .isEqualTo("*.execute-api.us-east-1.localhost");
    JsonNode a = r.path("certificates").get(1);
    assertThat(a.path("status").asText()).isEqualTo("ISSUED");
    assertThat(a.path("daysToExpiry").asLong()).isEqualTo(300);
    assertThat(a.path("notAfter").asText()).isEqualTo("2027-09-21T12:00:00Z");
    assertThat(a.path("domains").findValuesAsText("domainName"))
        .containsExactly("api.example.com", "*.example.com");
    assertThat(a.path("domains").findValues("covered")).allMatch(JsonNode::asBoolean);
  }

  @Test
  void certificates_importedWithin30Days_isWarnWithExitOne() {
    JsonNode r =
        report(
            List.of(cert("arn:i", "IMPORTED", inDays(10), "api.example.com")),
            List.of(use("api.example.com", "arn:i")));
    assertThat(r.path("exitCode").asInt()).isEqualTo(1);
    JsonNode warn = r.path("findings").get(1);
    assertThat(warn.path("level").asText()).isEqualTo("WARN");
    assertThat(warn.path("message").asText())
        .contains("arn:i (IMPORTED) expires on")
        .contains("in 10 days")
        .contains("used by api.example.com");
    assertThat(warn.path("fix").asText()).contains("re-import").contains("--certificate-arn arn:i");
    assertThat(warn.path("article").asText()).isEqualTo("certificate-expired-invalid");
  }

  @Test
  void certificates_expiredAndInUse_isFailWithExitTwo_whileAnUnusedExpiredOneIsWarn() {
    JsonNode r =
        report(
            List.of(
                cert("arn:x", "IMPORTED", inDays(-3), "old.example.com"),
                cert("arn:u", "IMPORTED", inDays(-40), "unused.example.com")),
            List.of(use("old.example.com", "arn:x")));
    assertThat(r.path("exitCode").asInt()).isEqualTo(2);
    assertThat(r.path("certificates").get(1).path("status").asText()).isEqualTo("EXPIRED");
    assertThat(r.path("certificates").get(1).path("daysToExpiry").asLong()).isEqualTo(-3);
    assertThat(r.path("findings").get(1).path("level").asText()).isEqualTo("FAIL");
    assertThat(r.path("findings").get(1).path("message").asText())
        .contains("expired on")
        .contains("still served");
    assertThat(r.path("findings").get(2).path("level").asText()).isEqualTo("WARN");
    assertThat(r.path("findings").get(2).path("message").asText())
        .contains("arn:u")
        .contains("used by no domain");
  }

  @Test
  void certificates_domainNameNotCovered_isFailNamingTheWrongCertificateArticle() {
    // *.example.com covers one label only: not a.b.example.com, not example.com (RFC 6125, spec
    // 3.4)
    JsonNode r =
        report(
            List.of(cert("arn:w", "AMAZON_ISSUED", inDays(200), "*.example.com")),
            List.of(use("a.b.example.com", "arn:w"), use("example.com", "arn:w")));
    assertThat(r.path("exitCode").asInt()).isEqualTo(2);
    assertThat(r.path("certificates").get(1).path("domains").findValues("covered"))
        .noneMatch(JsonNode::asBoolean);
    assertThat(r.path("findings"))
        .filteredOn(f -> f.path("level").asText().equals("FAIL"))
        .hasSize(2)
        .allSatisfy(
            f ->
                assertThat(f.path("article").asText())
                    .isEqualTo("custom-domain-wrong-certificate"));
  }

  @Test
  void certificates_domainNamesADeletedCertificate_isFail() {
    JsonNode r = report(List.of(), List.of(use("gone.example.com", "arn:deleted")));
    assertThat(r.path("exitCode").asInt()).isEqualTo(2);
    assertThat(r.path("findings").get(1).path("message").asText())
        .contains("gone.example.com")
        .contains("arn:deleted")
        .contains("does not exist");
  }
}
