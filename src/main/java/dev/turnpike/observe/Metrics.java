package dev.turnpike.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Turnpike's metrics (Micrometer), rendered as Prometheus text for {@code GET /_turnpike/metrics}
 * on the admin listener. Gauges are computed from the current snapshot when scraped, so they follow
 * every snapshot swap and a removed domain's series disappears. Request metrics ({@code
 * observe.metrics.RequestMetrics}) register their meters in {@link #registry()}; gauges and
 * function counters ({@link #gauge}, {@link #functionCounter}) are read only when scraped.
 */
public final class Metrics {
  /**
   * Where the admin listener serves {@link #scrape()}, without SigV4 (Prometheus scrapers cannot
   * sign).
   */
  public static final String PATH = "/_turnpike/metrics";

  /** The Prometheus text exposition format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MultiGauge certificateDays;
  private final Supplier<List<CertificateDays>> certificates;

  /** Days to expiry of the certificate one domain serves (negative once expired). */
  public record CertificateDays(String domain, String certificateArn, long daysToExpiry) {}

  /** {@code certificates}: the domains and their certificates as of now (read at every scrape). */
  public Metrics(Supplier<List<CertificateDays>> certificates) {
    this.certificates = certificates;
    this.certificateDays =
        MultiGauge.builder("turnpike.certificate.days.to.expiry")
            .description(
                "Whole days until the certificate a domain serves expires (negative: expired)")
            .register(registry);
  }

  /** The registry request meters register in (once per API stage, never per request). */
  public MeterRegistry registry() {
    return registry;
  }

  /** A gauge read from {@code value} at every scrape. */
  public void gauge(String name, String description, DoubleSupplier value) {
    Gauge.builder(name, value::getAsDouble).description(description).register(registry);
  }

  /** A monotonic count kept elsewhere (an atomic counter), read at every scrape. */
  public void functionCounter(String name, String description, DoubleSupplier value) {
    FunctionCounter.builder(name, value, DoubleSupplier::getAsDouble)
        .description(description)
        .register(registry);
  }

  /** Refreshes the gauges from the current state, then renders every meter as Prometheus text. */
  public synchronized String scrape() {
    refresh();
    return registry.scrape();
  }

  private void refresh() {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (CertificateDays c : certificates.get()) {
      rows.add(
          MultiGauge.Row.of(
              Tags.of("domain", c.domain(), "certificate_arn", c.certificateArn()),
              c.daysToExpiry()));
    }
    certificateDays.register(rows, true); // overwrite: series of removed domains go away
  }
}
