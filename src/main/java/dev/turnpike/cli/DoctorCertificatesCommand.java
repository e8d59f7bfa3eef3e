package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code turnpike doctor certificates [--json]}: every certificate of the running server (ACM's and
 * the default execute-api one), its expiry and the domains it serves, from {@code GET
 * /doctor/certificates} on the admin listener. Exit code 0 (OK), 1 (WARN) or 2 (FAIL, also when the
 * server cannot be asked).
 */
@Command(
    name = "certificates",
    mixinStandardHelpOptions = true,
    description =
        "Every certificate: type, status, expiry, the domains using it and whether it covers their"
            + " names. Exit code 0 OK, 1 WARN, 2 FAIL.")
final class DoctorCertificatesCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
      description = "The data directory of the Turnpike (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return DoctorReports.ask(
        dataDir, "/doctor/certificates", "", json, DoctorCertificatesCommand::print);
  }

  private static void print(JsonNode report) {
    for (JsonNode c : report.path("certificates")) {
      StringBuilder domains = new StringBuilder();
      for (JsonNode d : c.path("domains")) {
        domains
            .append(domains.length() == 0 ? "" : ", ")
            .append(d.path("domainName").asText())
            .append(d.path("covered").asBoolean() ? "" : " (NOT COVERED)");
      }
      System.out.printf(
          Locale.ROOT,
          "%-8s %-17s %s  %5d days  %s%n    names: %s%n    domains: %s%n",
          c.path("status").asText(),
          c.path("type").asText(),
          c.path("notAfter").asText(),
          c.path("daysToExpiry").asLong(),
          c.path("certificateArn").asText(),
          c.path("names").toString(),
          domains.length() == 0 ? "-" : domains);
    }
    DoctorReports.printFindings(report);
  }
}
