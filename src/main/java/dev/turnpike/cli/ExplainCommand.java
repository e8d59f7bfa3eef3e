package dev.turnpike.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.decision.DecisionJson;
import dev.turnpike.decision.DecisionLog;
import dev.turnpike.decision.DecisionRecord;
import dev.turnpike.decision.DecisionStory;
import dev.turnpike.store.Documents;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code turnpike explain <request-id>}: the decision record of one request, in plain words, with
 * the knowledge-base article that fits. Asks the running server (admin API, signed with {@code
 * [default]}); when the server is down, reads {@code <data-dir>/logs/decisions/}. A node of a
 * cluster asks the other nodes for a request it did not serve.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explain what Turnpike decided for one request (by x-amzn-RequestId).")
final class ExplainCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "REQUEST_ID",
      description = "The x-amzn-RequestId of the response.")
  String requestId;

  @Option(
      names = "--data-dir",
      defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
      description = "The data directory of the Turnpike (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--json", description = "Print the decision record as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    DataDir dir = new DataDir(dataDir);
    DecisionRecord record = null;
    AdminClient client = AdminClient.ifRunning(dir);
    if (client != null) {
      try {
        AdminClient.Reply r =
            client.get("/decisions/" + URLEncoder.encode(requestId, StandardCharsets.UTF_8));
        if (r.status() == 200) {
          JsonNode n = Documents.MAPPER.readTree(r.body());
          record = DecisionJson.fromJson(n);
          if (n.hasNonNull("node")) {
            System.err.println(
                "turnpike: served by another node of the cluster, " + n.get("node").asText());
          }
        } else if (r.status() != 404) {
          System.err.println("turnpike: the server answered " + r.status() + ": " + r.body());
        }
      } catch (IOException e) {
        System.err.println(
            "turnpike: cannot reach the server (" + e.getMessage() + "); reading logs/decisions/");
      }
    }
    if (record == null) {
      record = DecisionLog.findInFiles(dir.root().resolve("logs").resolve("decisions"), requestId);
    }
    if (record == null) {
      System.err.println(
          "turnpike: no decision record for request "
              + requestId
              + " (is it a request id from this Turnpike's x-amzn-RequestId header? records older"
              + " than the spill files' size cap are gone)");
      return 1;
    }
    System.out.print(
        json ? DecisionJson.toJson(record).toPrettyString() + "\n" : DecisionStory.render(record));
    return 0;
  }
}
