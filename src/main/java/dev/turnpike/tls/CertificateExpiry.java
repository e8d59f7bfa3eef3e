package dev.turnpike.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Days to expiry of the certificates custom domains serve, and the warning Turnpike logs for them:
 * 30 days ahead and after expiry (an expired certificate keeps being served, as on AWS, so clients
 * refuse it until it is replaced). Days are whole days, rounded down: a certificate with 9 days and
 * 23 hours left has 9; one that expired an hour ago has -1.
 */
public final class CertificateExpiry {
  /** Warnings start this many days before NotAfter. */
  public static final int WARN_DAYS = 30;

  /** The knowledge-base article that explains expired certificates. */
  public static final String ARTICLE = "certificate-expired-invalid";

  private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

  private CertificateExpiry() {}

  /** One certificate as one domain serves it. */
  public record Row(
      String domainName,
      String certificateArn,
      String type,
      long notAfter,
      long daysLeft,
      boolean expired) {}

  /**
   * Whole days from {@code nowMillis} to {@code notAfter}, rounded down (negative once expired).
   */
  public static long daysLeft(long notAfter, long nowMillis) {
    return Math.floorDiv(notAfter - nowMillis, DAY_MILLIS);
  }

  /** One row per domain whose certificate exists, in the inventory's order. */
  public static List<Row> rows(CertificateInventory inventory, long nowMillis) {
    List<Row> out = new ArrayList<>();
    for (CertificateInventory.DomainUse d : inventory.domains()) {
      CertificateInventory.Certificate c = inventory.find(d.accountId(), d.certificateArn());
      if (c != null) {
        out.add(
            new Row(
                d.domainName(),
                c.arn(),
                c.type(),
                c.notAfter(),
                daysLeft(c.notAfter(), nowMillis),
                nowMillis > c.notAfter()));
      }
    }
    return out;
  }

  /**
   * The log line for a row that needs attention (expired, or within {@link #WARN_DAYS}), else null.
   */
  public static @Nullable String warning(Row r) {
    if (!r.expired() && r.daysLeft() >= WARN_DAYS) {
      return null;
    }
    String what = r.expired() ? "expired" : "expires soon";
    String advice =
        r.expired()
            ? "still served; clients refuse it until it is replaced"
            : "IMPORTED".equals(r.type())
                ? "imported certificates are not renewed: re-import a renewed one"
                : "Turnpike renews it from "
                    + CertificateRenewal.RENEW_DAYS
                    + " days before NotAfter and has not yet "
                    + "succeeded: see the renewal errors in this log";
    return "turnpike: WARN certificate "
        + what
        + ": domain "
        + r.domainName()
        + ", certificate "
        + r.certificateArn()
        + ", NotAfter "
        + Instant.ofEpochMilli(r.notAfter())
        + ", "
        + r.daysLeft()
        + " days left ("
        + advice
        + "); read: turnpike kb show "
        + ARTICLE;
  }
}
