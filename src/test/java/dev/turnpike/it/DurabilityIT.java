package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the control plane acknowledged survives {@code kill -9}: configuration, deployments, stage
 * settings and the administrator's credentials, read back through the CLI and served by the data
 * plane after a restart on the same data directory.
 */
class DurabilityIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  void killDashNine_rightAfterLastWriteAcknowledged_configAndDeploymentSurviveRestart()
      throws Exception {
    JsonNode api =
        aws.json("create-rest-api", "--name", "durable", "--description", "survives kill -9");
    String apiId = api.get("id").asText();
    String thing =
        aws.json(
                "create-resource",
                "--rest-api-id",
                apiId,
                "--parent-id",
                api.get("rootResourceId").asText(),
                "--path-part",
                "thing")
            .get("id")
            .asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        apiId,
        "--resource-id",
        thing,
        "--http-method",
        "GET",
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        thing,
        "--http-method",
        "GET",
        "--type",
        "MOCK",
        "--request-templates",
        "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");
    aws.json(
        "put-method-response",
        "--rest-api-id",
        apiId,
        "--resource-id",
        thing,
        "--http-method",
        "GET",
        "--status-code",
        "200");
    aws.json(
        "put-integration-response",
        "--rest-api-id",
        apiId,
        "--resource-id",
        thing,
        "--http-method",
        "GET",
        "--status-code",
        "200",
        "--response-templates",
        "{\"application/json\": \"{\\\"color\\\": \\\"$stageVariables.color\\\"}\"}");
    String deploymentId =
        aws.json(
                "create-deployment",
                "--rest-api-id",
                apiId,
                "--stage-name",
                "live",
                "--variables",
                "color=red")
            .get("id")
            .asText();
    aws.json(
        "update-stage",
        "--rest-api-id",
        apiId,
        "--stage-name",
        "live",
        "--patch-operations",
        "op=replace,path=/variables/color,value=green");

    turnpike.kill();
    turnpike.restart();

    List<String> names = new ArrayList<>();
    aws.json("get-rest-apis").get("items").forEach(i -> names.add(i.get("name").asText()));
    assertThat(names).contains("durable");
    assertThat(aws.json("get-rest-api", "--rest-api-id", apiId).get("description").asText())
        .isEqualTo("survives kill -9");
    List<String> paths = new ArrayList<>();
    aws.json("get-resources", "--rest-api-id", apiId)
        .get("items")
        .forEach(i -> paths.add(i.get("path").asText()));
    assertThat(paths).containsExactlyInAnyOrder("/", "/thing");
    JsonNode stage = aws.json("get-stage", "--rest-api-id", apiId, "--stage-name", "live");
    assertThat(stage.get("deploymentId").asText()).isEqualTo(deploymentId);
    assertThat(stage.get("variables").get("color").asText()).isEqualTo("green");

    RawHttp.Response served = Invoke.hostStyle(turnpike, apiId, "GET", "/live/thing", null);
    assertThat(served.status()).isEqualTo(200);
    assertThat(served.bodyText()).isEqualTo("{\"color\": \"green\"}");
  }

  @Test
  void killDashNine_deleteAcknowledged_staysDeletedAfterRestart() throws Exception {
    String apiId = aws.json("create-rest-api", "--name", "doomed").get("id").asText();
    aws.json("delete-rest-api", "--rest-api-id", apiId);

    turnpike.kill();
    turnpike.restart();

    AwsCli.Result r = aws.run("get-rest-api", "--rest-api-id", apiId);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr()).contains("NotFoundException");
  }

  @Test
  void restart_afterKillAndAfterGracefulStop_credentialsFileKeepsTheSameKey() throws Exception {
    TurnpikeProcess.Credentials before = turnpike.credentials();
    String account = turnpike.endpoints().accountId();

    turnpike.kill();
    turnpike.restart();
    TurnpikeProcess.Credentials afterKill = turnpike.credentials();
    turnpike.stop();
    // a graceful stop removes endpoints.json; a kill leaves it naming a dead pid
    assertThat(turnpike.dataDir().resolve("endpoints.json")).doesNotExist();
    turnpike.restart();
    TurnpikeProcess.Credentials afterStop = turnpike.credentials();

    assertThat(afterKill).isEqualTo(before);
    assertThat(afterStop).isEqualTo(before);
    assertThat(turnpike.endpoints().accountId()).isEqualTo(account);
    // and the key still signs: the CLI reads the same file
    assertThat(aws.run("get-rest-apis").exitCode()).isZero();
  }
}
