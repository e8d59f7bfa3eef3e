package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments go live without a restart and without touching open connections; a stage serves its deployment, not
 * the API's current (undeployed) edits.
 */
class LiveUpdateIT {
  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

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

  /** An API with GET /v → MOCK 200 rendering {@code template}; returns {apiId, resourceId}. */
  private static String[] mockApi(String name, String template) throws Exception {
    JsonNode api = aws.json("create-rest-api", "--name", name);
    String apiId = api.get("id").asText();
    String v = aws.json("create-resource", "--rest-api-id", apiId, "--parent-id",
        api.get("rootResourceId").asText(), "--path-part", "v").get("id").asText();
    aws.json("put-method", "--rest-api-id", apiId, "--resource-id", v, "--http-method", "GET",
        "--authorization-type", "NONE");
    aws.json("put-integration", "--rest-api-id", apiId, "--resource-id", v, "--http-method", "GET",
        "--type", "MOCK", "--request-templates", "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");
    aws.json("put-method-response", "--rest-api-id", apiId, "--resource-id", v, "--http-method", "GET",
        "--status-code", "200");
    setTemplate(apiId, v, template);
    return new String[] {apiId, v};
  }

  private static void setTemplate(String apiId, String resourceId, String template) throws Exception {
    aws.json("put-integration-response", "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method",
        "GET", "--status-code", "200", "--response-templates",
        AwsCli.JSON.writeValueAsString(Map.of("application/json", template)));
  }

  private static String get(RawHttp c, String apiId, String path) throws Exception {
    c.send(RawHttp.request("GET", path, Invoke.host(apiId, turnpike.httpPort()), null));
    RawHttp.Response r = c.read();
    assertThat(r.status()).as("GET %s: %s", path, r).isEqualTo(200);
    assertThat(r.header("Connection")).isNotEqualToIgnoringCase("close");
    return r.bodyText();
  }

  /** Asks on {@code c} until the body is {@code expected} or a second passed; returns the last body. */
  private static String pollWithinOneSecond(RawHttp c, String apiId, String path, String expected)
      throws Exception {
    long deadline = System.nanoTime() + ONE_SECOND_NANOS;
    String body = get(c, apiId, path);
    while (!body.equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      body = get(c, apiId, path);
    }
    return body;
  }

  @Test
  void createDeployment_onSameStage_openKeepAliveConnectionSeesNewBodyWithinOneSecond() throws Exception {
    String[] api = mockApi("live", "one");
    aws.json("create-deployment", "--rest-api-id", api[0], "--stage-name", "prod");

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      int port = c.localPort();
      assertThat(pollWithinOneSecond(c, api[0], "/prod/v", "one")).isEqualTo("one");

      setTemplate(api[0], api[1], "two");
      aws.json("create-deployment", "--rest-api-id", api[0], "--stage-name", "prod");

      assertThat(pollWithinOneSecond(c, api[0], "/prod/v", "two")).isEqualTo("two");
      assertThat(get(c, api[0], "/prod/v")).isEqualTo("two");
      assertThat(c.localPort()).isEqualTo(port);
    }
  }

  @Test
  void updateStage_deploymentIdBackAndForth_openConnectionFollowsWithinOneSecond() throws Exception {
    String[] api = mockApi("rollback", "first");
    String first = aws.json("create-deployment", "--rest-api-id", api[0], "--stage-name", "prod").get("id")
        .asText();
    setTemplate(api[0], api[1], "second");
    String second = aws.json("create-deployment", "--rest-api-id", api[0]).get("id").asText();

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      // a deployment without a stage name changes nothing that is served
      assertThat(pollWithinOneSecond(c, api[0], "/prod/v", "first")).isEqualTo("first");

      aws.json("update-stage", "--rest-api-id", api[0], "--stage-name", "prod", "--patch-operations",
          "op=replace,path=/deploymentId,value=" + second);
      assertThat(pollWithinOneSecond(c, api[0], "/prod/v", "second")).isEqualTo("second");

      aws.json("update-stage", "--rest-api-id", api[0], "--stage-name", "prod", "--patch-operations",
          "op=replace,path=/deploymentId,value=" + first);
      assertThat(pollWithinOneSecond(c, api[0], "/prod/v", "first")).isEqualTo("first");
    }
  }

  @Test
  void editMethodAfterDeploy_withoutRedeploy_stageKeepsServingDeployedVersion() throws Exception {
    String[] api = mockApi("frozen", "old $stageVariables.rev");
    aws.json("create-deployment", "--rest-api-id", api[0], "--stage-name", "s", "--variables", "rev=1");

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      assertThat(pollWithinOneSecond(c, api[0], "/s/v", "old 1")).isEqualTo("old 1");

      setTemplate(api[0], api[1], "new $stageVariables.rev");
      // A later stage change that does go live: once it shows, the edit before it would have too.
      aws.json("update-stage", "--rest-api-id", api[0], "--stage-name", "s", "--patch-operations",
          "op=replace,path=/variables/rev,value=2");

      // AWS: changes take effect on the stage only after a deployment (developer guide, "Deploy a REST API")
      assertThat(pollWithinOneSecond(c, api[0], "/s/v", "old 2")).isEqualTo("old 2");

      aws.json("create-deployment", "--rest-api-id", api[0], "--stage-name", "s");
      assertThat(pollWithinOneSecond(c, api[0], "/s/v", "new 2")).isEqualTo("new 2");
    }
  }

  @Test
  void pipelinedRequests_threeInOneWrite_answeredInOrder() throws Exception {
    String[] api = mockApi("pipelined", "p1");
    aws.json("create-deployment", "--rest-api-id", api[0], "--stage-name", "prod");
    String host = Invoke.host(api[0], turnpike.httpPort());

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      StringBuilder three = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        three.append(RawHttp.request("GET", "/prod/v", host, null, "x-amzn-RequestId",
            "00000000-0000-4000-8000-00000000000" + i));
      }
      c.send(three.toString());
      for (int i = 0; i < 3; i++) {
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("p1");
        assertThat(r.header("x-amzn-RequestId")).isEqualTo("00000000-0000-4000-8000-00000000000" + i);
      }
    }
  }
}
