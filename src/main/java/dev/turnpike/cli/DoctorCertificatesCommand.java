package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.store.Documents;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code turnpike doctor certificates [--json]}: every certificate of the running server (ACM's and the default
 * execute-api one), its expiry and the domains it serves, from {@code GET /doctor/certificates} on the admin
 * listener. Exit code 0 (OK), 1 (WARN) or 2 (FAIL, also when the server cannot be asked).
 */
@Command(name = "certificates", mixinStandardHelpOptions = true, description = "Every certificate: type, status, "
    + "expiry, the domains using it and whether it covers their names. Exit code 0 OK, 1 WARN, 2 FAIL.")
final class DoctorCertificatesCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
      description = "The data directory of the Turnpike (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    AdminClient client = AdminClient.ifRunning(new DataDir(dataDir));
    if (client == null) {
      System.err.println("turnpike: no running Turnpike for " + dataDir + " (doctor asks the server: start it "
          + "with ./turnpike serve)");
      return 2;
    }
    AdminClient.Reply r = client.get("/doctor/certificates");
    if (r.status() != 200) {
      System.err.println("turnpike: the server answered " + r.status() + ": " + r.body());
      return 2;
    }
    JsonNode report = Documents.MAPPER.readTree(r.body());
    if (json) {
      System.out.println(report.toPrettyString());
    } else {
      print(report);
    }
    return report.path("exitCode").asInt(2);
  }

  private static void print(JsonNode report) {
    for (JsonNode c : report.path("certificates")) {
      StringBuilder domains = new StringBuilder();
      for (JsonNode d : c.path("domains")) {
        domains.append(domains.length() == 0 ? "" : ", ").append(d.path("domainName").asText())
            .append(d.path("covered").asBoolean() ? "" : " (NOT COVERED)");
      }
      System.out.printf(Locale.ROOT, "%-8s %-17s %s  %5d days  %s%n    names: %s%n    domains: %s%n",
          c.path("status").asText(), c.path("type").asText(), c.path("notAfter").asText(),
          c.path("daysToExpiry").asLong(), c.path("certificateArn").asText(), c.path("names").toString(),
          domains.length() == 0 ? "-" : domains);
    }
    for (JsonNode f : report.path("findings")) {
      System.out.println("[" + f.path("level").asText() + "] " + f.path("message").asText());
      if (f.hasNonNull("fix")) {
        System.out.println("       fix: " + f.path("fix").asText());
      }
      if (f.hasNonNull("article")) {
        System.out.println("       read: turnpike kb show " + f.path("article").asText());
      }
    }
  }
}
