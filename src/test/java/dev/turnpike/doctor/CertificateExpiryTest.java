package dev.turnpike.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.AcmCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The expiry findings of the certificates live check, with a fixed clock. */
class CertificateExpiryTest {
  private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static AcmCertificate cert(String name, String type, Duration untilExpiry) {
    return new AcmCertificate("arn:aws:acm:us-east-1:111122223333:certificate/" + name, type, name, List.of(name),
        "", "", "", "EC_prime256v1", "SHA256WITHECDSA", "01", "CN=" + name, "CN=ca", NOW.minus(Duration.ofDays(300))
        .toEpochMilli(), NOW.plus(untilExpiry).toEpochMilli(), 0, null, null, null, 1);
  }

  @Test
  void expiredIsFailNearExpiryIsWarnAndTheWorstWins() {
    ObjectNode r = CertificateExpiry.report(List.of(cert("ok.example.com", "AMAZON_ISSUED", Duration.ofDays(200)),
        cert("soon.example.com", "IMPORTED", Duration.ofDays(10)),
        cert("old.example.com", "IMPORTED", Duration.ofDays(-1))), CLOCK);
    assertThat(r.path("level").asText()).isEqualTo("FAIL");
    assertThat(r.path("exitCode").asInt()).isEqualTo(2);
    assertThat(r.path("findings")).hasSize(2);
    assertThat(r.at("/findings/0/level").asText()).isEqualTo("WARN");
    assertThat(r.at("/findings/0/message").asText()).contains("soon.example.com").contains("expires in 10 days");
    assertThat(r.at("/findings/0/fix").asText()).contains("aws acm import-certificate --certificate-arn");
    assertThat(r.at("/findings/1/level").asText()).isEqualTo("FAIL");
    assertThat(r.at("/findings/1/message").asText()).contains("old.example.com").contains("expired on");
    assertThat(r.at("/findings/1/article").asText()).isEqualTo("certificate-expired-invalid");
    assertThat(r.at("/certificates/2/status").asText()).isEqualTo("EXPIRED");
  }

  @Test
  void nothingNearExpiryIsOk() {
    ObjectNode r = CertificateExpiry.report(List.of(cert("ok.example.com", "AMAZON_ISSUED", Duration.ofDays(31))),
        CLOCK);
    assertThat(r.path("level").asText()).isEqualTo("OK");
    assertThat(r.at("/findings/0/message").asText()).contains("1 checked");
    assertThat(CertificateExpiry.report(List.of(), CLOCK).at("/findings/0/message").asText())
        .isEqualTo("No ACM certificates in this Turnpike");
  }
}
