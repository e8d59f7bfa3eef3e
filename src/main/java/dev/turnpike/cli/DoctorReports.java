package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.store.Documents;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * What every {@code turnpike doctor} command answered by the running server shares: asking the
 * admin listener for a report, printing it (as JSON with {@code --json}, else in words) and turning
 * its level into the exit code 0 (OK), 1 (WARN) or 2 (FAIL, also when the server cannot be asked).
 */
final class DoctorReports {
  private DoctorReports() {}

  /**
   * GET {@code path?rawQuery} on the admin listener of the Turnpike in {@code dataDir}; returns the
   * exit code.
   */
  static int ask(
      Path dataDir, String path, String rawQuery, boolean json, Consumer<JsonNode> inWords)
      throws Exception {
    AdminClient client = AdminClient.ifRunning(new DataDir(dataDir));
    if (client == null) {
      System.err.println(
          "turnpike: no running Turnpike for "
              + dataDir
              + " (doctor asks the server: start it "
              + "with ./turnpike serve)");
      return 2;
    }
    AdminClient.Reply r = client.get(path, rawQuery);
    if (r.status() != 200) {
      System.err.println("turnpike: the server answered " + r.status() + ": " + r.body());
      return 2;
    }
    JsonNode report = Documents.MAPPER.readTree(r.body());
    if (json) {
      System.out.println(report.toPrettyString());
    } else {
      inWords.accept(report);
    }
    return report.path("exitCode").asInt(2);
  }

  /** Each finding: its level and message, then the fix and the article to read when it has them. */
  static void printFindings(JsonNode report) {
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
