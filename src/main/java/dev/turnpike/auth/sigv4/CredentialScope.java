package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
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

  // Any lowercase dash-separated name: self-hosted deployments pick regions like "local-1".
  private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

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
   * Fails with §4.3 row 11, every failing sentence in AWS's order, unless the scope names
   * {@code expectedService}, {@code expectedRegion} (or any well-formed region when null), the
   * terminator, and the day of {@code amzDate}.
   */
  void check(String expectedService, @Nullable String expectedRegion, String amzDate) {
    List<String> problems = new ArrayList<>(4);
    boolean regionOk =
        expectedRegion == null ? REGION.matcher(region).matches() : expectedRegion.equals(region);
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
