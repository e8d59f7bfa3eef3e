package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Credential} value: {@code <access key id>/<YYYYMMDD>/<region>/<service>/aws4_request}.
 *
 * @param accessKeyId the key that claims to have signed
 * @param date the signing day, {@code YYYYMMDD}
 * @param region the region, e.g. {@code us-east-1}
 * @param service the signing name, e.g. {@code execute-api}
 * @param terminator always {@code aws4_request} when valid
 */
public record CredentialScope(
    String accessKeyId, String date, String region, String service, String terminator) {

  public static final String TERMINATOR = "aws4_request";

  public CredentialScope {
    requireNonNull(accessKeyId, "accessKeyId");
    requireNonNull(date, "date");
    requireNonNull(region, "region");
    requireNonNull(service, "service");
    requireNonNull(terminator, "terminator");
  }

  /** Splits {@code credential}; fails with §4.3 row 10 unless it has exactly five parts. */
  static CredentialScope parse(String credential) {
    String[] parts = credential.split("/", -1);
    if (parts.length != 5) {
      throw new SigV4Exception(SigV4Error.credentialNotFiveParts(credential));
    }
    return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
  }

  /** {@code <date>/<region>/<service>/aws4_request}, the third line of the string to sign. */
  public String scope() {
    return date + '/' + region + '/' + service + '/' + terminator;
  }

  /**
   * Any lowercase dash-separated name ({@code [a-z0-9]+(-[a-z0-9]+)*}): self-hosted deployments
   * pick regions like "local-1". A loop rather than a regex: it runs on every signed request and a
   * Matcher is garbage.
   */
  static boolean isRegionName(String region) {
    boolean previousIsPart = false; // false at the start and right after a dash
    for (int i = 0; i < region.length(); i++) {
      char c = region.charAt(i);
      if (c == '-') {
        if (!previousIsPart) {
          return false;
        }
        previousIsPart = false;
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        previousIsPart = true;
      } else {
        return false;
      }
    }
    return previousIsPart;
  }

  /**
   * Fails with §4.3 row 11, every failing sentence in AWS's order, unless the scope names {@code
   * expectedService}, {@code expectedRegion} (or any well-formed region when null), the terminator,
   * and the day of {@code amzDate}.
   */
  void check(String expectedService, @Nullable String expectedRegion, String amzDate) {
    List<String> problems = new ArrayList<>(0); // empty on the usual path; grows only for an error
    boolean regionOk =
        expectedRegion == null ? isRegionName(region) : expectedRegion.equals(region);
    if (!regionOk) {
      problems.add("Credential should be scoped to a valid region, not '" + region + "'.");
    }
    if (!expectedService.equals(service)) {
      problems.add("Credential should be scoped to correct service: '" + expectedService + "'.");
    }
    if (!TERMINATOR.equals(terminator)) {
      problems.add(
          "Credential should be scoped with a valid terminator: 'aws4_request', not '"
              + terminator
              + "'.");
    }
    String day = amzDate.substring(0, 8);
    if (!day.equals(date)) {
      problems.add(
          "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from"
              + " HTTP: '"
              + date
              + "' != '"
              + day
              + "', from '"
              + amzDate
              + "'.");
    }
    if (!problems.isEmpty()) {
      throw new SigV4Exception(SigV4Error.badScope(problems));
    }
  }
}
