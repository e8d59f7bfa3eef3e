package dev.turnpike.tls;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The certificate check Turnpike runs at start and then once a day, on its own thread ({@code
 * turnpike-certificates}; never on an event loop, it writes the store and signs certificates):
 * renew what is due ({@link CertificateRenewal}, the default certificate too), wait for the
 * snapshot that serves the renewals, then log a warning for every certificate a domain serves that
 * expires within {@link CertificateExpiry#WARN_DAYS} days or has expired. A failing check is logged
 * and retried the next day; it never stops the scheduler or a listener.
 */
public final class CertificateLifecycle implements AutoCloseable {
  private final CertificateRenewal renewal;
  private final DefaultCertificate defaultCertificate;
  private final LocalCa issuer;
  private final Supplier<CertificateInventory> inventory;
  private final Runnable awaitSnapshot;
  private final Clock clock;
  private final Consumer<String> log;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "turnpike-certificates");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param issuer the local CA as the renewals use it (with {@code clock})
   * @param inventory what the current snapshot serves, the default certificate included
   * @param awaitSnapshot returns once the snapshot includes the store's latest commit
   */
  public CertificateLifecycle(
      CertificateRenewal renewal,
      DefaultCertificate defaultCertificate,
      LocalCa issuer,
      Supplier<CertificateInventory> inventory,
      Runnable awaitSnapshot,
      Clock clock,
      Consumer<String> log) {
    this.renewal = renewal;
    this.defaultCertificate = defaultCertificate;
    this.issuer = issuer;
    this.inventory = inventory;
    this.awaitSnapshot = awaitSnapshot;
    this.clock = clock;
    this.log = log;
  }

  /** Runs the first check now (on the lifecycle thread), then every 24 hours. */
  public void start() {
    executor.scheduleWithFixedDelay(this::checkQuietly, 0, 1, TimeUnit.DAYS);
  }

  /** One check: renewals, then the warnings (also logged). Returns the warning lines, for tests. */
  public List<String> check() {
    try {
      if (renewal.renewDue() > 0) {
        awaitSnapshot.run();
      }
    } catch (RuntimeException e) {
      // e.g. the store is unavailable: the warnings below still go out
      log.accept(
          "turnpike: ERROR certificate renewal check failed, retrying in 24 hours: "
              + e.getMessage());
    }
    try {
      if (defaultCertificate.renewIfDue(issuer, clock.millis())) {
        log.accept(
            "turnpike: renewed the default certificate "
                + defaultCertificate.name()
                + ": NotAfter "
                + Instant.ofEpochMilli(defaultCertificate.describe().notAfter()));
      }
    } catch (TlsException | RuntimeException e) {
      log.accept(
          "turnpike: ERROR renewing the default certificate failed, still serving the current one: "
              + e.getMessage());
    }
    List<String> warnings = new ArrayList<>();
    for (CertificateExpiry.Row row : CertificateExpiry.rows(inventory.get(), clock.millis())) {
      String w = CertificateExpiry.warning(row);
      if (w != null) {
        warnings.add(w);
        log.accept(w);
      }
    }
    return warnings;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      // a throw would cancel the schedule: report it and try again tomorrow
      log.accept("turnpike: ERROR certificate check failed, retrying in 24 hours: " + e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
