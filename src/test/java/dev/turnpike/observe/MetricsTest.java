package dev.turnpike.observe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MetricsTest {
  @Test
  void scrape_certificateGauges_followTheCurrentRows() {
    AtomicReference<List<Metrics.CertificateDays>> rows =
        new AtomicReference<>(
            List.of(
                new Metrics.CertificateDays(
                    "api.example.com", "arn:aws:acm:us-east-1:1:certificate/a", 9),
                new Metrics.CertificateDays(
                    "old.example.com", "arn:aws:acm:us-east-1:1:certificate/b", -3)));
    Metrics metrics = new Metrics(rows::get);

    String text = metrics.scrape();
    assertThat(text)
        .contains("# TYPE turnpike_certificate_days_to_expiry gauge")
        .contains(
            "turnpike_certificate_days_to_expiry{certificate_arn=\"arn:aws:acm:us-east-1:1:certificate/a\",domain=\"api.example.com\"}"
                + " 9.0")
        .contains(
            "turnpike_certificate_days_to_expiry{certificate_arn=\"arn:aws:acm:us-east-1:1:certificate/b\",domain=\"old.example.com\"}"
                + " -3.0");

    rows.set(
        List.of(
            new Metrics.CertificateDays(
                "api.example.com", "arn:aws:acm:us-east-1:1:certificate/c", 394)));
    assertThat(metrics.scrape())
        .contains("certificate/c\",domain=\"api.example.com\"} 394.0")
        .doesNotContain("old.example.com")
        .doesNotContain("certificate/a");
  }
}
