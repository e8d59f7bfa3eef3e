package dev.turnpike.tls;

import dev.turnpike.model.AcmCertificate;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * Managed renewal of the certificates Turnpike issued (RequestCertificate, type AMAZON_ISSUED):
 * from {@link #RENEW_DAYS} days before NotAfter, the local CA issues a new key and certificate for
 * the same names, stored under the same ARN with a new serial, NotBefore and NotAfter, the next
 * revision and a SUCCESS renewal summary. The commit goes through the store, so the next snapshot
 * builds the new server context: the next handshake gets the new certificate while open connections
 * keep the one they negotiated.
 *
 * <p>Implementation notes: ACM starts managed renewal of its public certificates 60 days before
 * expiry (https://docs.aws.amazon.com/acm/latest/userguide/acm-renewal.html); Turnpike uses the
 * same window, and the check runs at start and then daily. Imported certificates are never renewed
 * (ACM does not renew them either; they get warnings instead), nor are already expired ones ("NOT
 * ELIGIBLE if already expired"): request a new certificate. The commit carries the version read, so
 * a concurrent tag edit makes the renewal retry at the next check instead of overwriting it.
 */
public final class CertificateRenewal {
  /** Renewal starts this many days before NotAfter, as ACM's managed renewal. */
  public static final int RENEW_DAYS = 60;

  private final ConfigStore store;
  private final LocalCa ca;
  private final Clock clock;
  private final Consumer<String> log;

  /**
   * {@code ca} issues the renewed certificates; {@code log} receives one line per renewal or
   * failure.
   */
  public CertificateRenewal(ConfigStore store, LocalCa ca, Clock clock, Consumer<String> log) {
    this.store = store;
    this.ca = ca;
    this.clock = clock;
    this.log = log;
  }

  /** Renews every AMAZON_ISSUED certificate due for renewal; returns how many were renewed. */
  public int renewDue() {
    int renewed = 0;
    long now = clock.millis();
    for (Document d : store.listKind(Kinds.ACM_CERTIFICATE)) {
      AcmCertificate c;
      try {
        c = Documents.read(d, AcmCertificate.class);
      } catch (RuntimeException e) {
        log.accept(
            "turnpike: ERROR certificate document "
                + d.key()
                + " is unreadable, not renewed: "
                + e.getMessage());
        continue;
      }
      if (!isDue(c, now)) {
        continue;
      }
      if (renew(d, c, now)) {
        renewed++;
      }
    }
    return renewed;
  }

  /** Turnpike-issued, not yet expired, and within {@link #RENEW_DAYS} of NotAfter. */
  static boolean isDue(AcmCertificate c, long nowMillis) {
    return !c.isImported()
        && nowMillis <= c.notAfter()
        && CertificateExpiry.daysLeft(c.notAfter(), nowMillis) < RENEW_DAYS;
  }

  private boolean renew(Document d, AcmCertificate c, long now) {
    KeyAlgorithm algorithm = KeyAlgorithm.parse(c.keyAlgorithm());
    try {
      if (algorithm == null) {
        throw new TlsException("unknown key algorithm " + c.keyAlgorithm());
      }
      CertifiedKey k = ca.issue(c.subjectAlternativeNames(), algorithm, LocalCa.LEAF_VALIDITY);
      AcmCertificate r = AcmCertificates.renewed(c, k, now);
      store.commit(List.of(new Write(d.key(), Documents.write(r), d.version())));
      log.accept(
          "turnpike: renewed certificate "
              + c.certificateArn()
              + " ("
              + String.join(", ", c.subjectAlternativeNames())
              + "): NotAfter "
              + Instant.ofEpochMilli(c.notAfter())
              + " -> "
              + Instant.ofEpochMilli(r.notAfter())
              + ", serial "
              + r.serial());
      return true;
    } catch (ConfigStore.ConflictException e) {
      log.accept(
          "turnpike: certificate "
              + c.certificateArn()
              + " changed while renewing; retrying at the next "
              + "check");
      return false;
    } catch (TlsException | RuntimeException e) {
      log.accept(
          "turnpike: ERROR renewing certificate "
              + c.certificateArn()
              + " failed, still serving the "
              + "current one (NotAfter "
              + Instant.ofEpochMilli(c.notAfter())
              + "): "
              + e.getMessage());
      recordFailure(d, c, now);
      return false;
    }
  }

  /**
   * Shows the failure in DescribeCertificate's RenewalSummary; best effort (the log line already
   * says it).
   */
  private void recordFailure(Document d, AcmCertificate c, long now) {
    try {
      store.commit(
          List.of(
              new Write(
                  d.key(),
                  Documents.write(
                      c.withRenewalSummary(
                          new AcmCertificate.RenewalSummary("FAILED", now, "OTHER"))),
                  d.version())));
    } catch (RuntimeException ignored) {
      // the store is what failed; the next check tries again
    }
  }
}
