package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.testkit.RestApiFixture;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * Deployments go live without a restart and without touching open connections; a stage serves its
 * deployment, not the API's current (undeployed) edits. Configured through the SDK: the subject is
 * what a write acknowledged by the control plane does to the data plane, whichever client made it.
 */
class LiveUpdateIT {
  private static final long ONE_SECOND_NANOS = 1_000_000_000L;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    sdk = Sdk.connect(turnpike);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sdk != null) {
      sdk.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  /** An API with GET /v → MOCK 200 rendering {@code template}, not deployed. */
  private static RestApiFixture mockApi(String name, String template) {
    return RestApiFixture.create(sdk, name).mock("GET", "/v", template);
  }

  /**
   * PutIntegrationResponse: GET /v now renders {@code template} (served only after a deployment).
   */
  private static void setTemplate(RestApiFixture api, String template) {
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(api.id())
                .resourceId(api.resource("/v"))
                .httpMethod("GET")
                .statusCode("200")
                .responseTemplates(Map.of("application/json", template)));
  }

  private static String deploy(RestApiFixture api, String stage) {
    return sdk.createDeployment(r -> r.restApiId(api.id()).stageName(stage)).id();
  }

  private static void updateStage(RestApiFixture api, String stage, String path, String value) {
    sdk.updateStage(
        r ->
            r.restApiId(api.id())
                .stageName(stage)
                .patchOperations(
                    PatchOperation.builder().op(Op.REPLACE).path(path).value(value).build()));
  }

  private static String get(RawHttp c, String apiId, String path) throws Exception {
    c.send(RawHttp.request("GET", path, Invoke.host(apiId, turnpike.httpPort()), null));
    RawHttp.Response r = c.read();
    assertThat(r.status()).as("GET %s: %s", path, r).isEqualTo(200);
    assertThat(r.header("Connection")).isNotEqualToIgnoringCase("close");
    return r.bodyText();
  }

  /**
   * Asks on {@code c} until the body is {@code expected} or a second passed; returns the last body.
   */
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
  void createDeployment_onSameStage_openKeepAliveConnectionSeesNewBodyWithinOneSecond()
      throws Exception {
    RestApiFixture api = mockApi("live", "one");
    deploy(api, "prod");

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      int port = c.localPort();
      assertThat(pollWithinOneSecond(c, api.id(), "/prod/v", "one")).isEqualTo("one");

      setTemplate(api, "two");
      deploy(api, "prod");

      assertThat(pollWithinOneSecond(c, api.id(), "/prod/v", "two")).isEqualTo("two");
      assertThat(get(c, api.id(), "/prod/v")).isEqualTo("two");
      assertThat(c.localPort()).isEqualTo(port);
    }
  }

  @Test
  void updateStage_deploymentIdBackAndForth_openConnectionFollowsWithinOneSecond()
      throws Exception {
    RestApiFixture api = mockApi("rollback", "first");
    String first = deploy(api, "prod");
    setTemplate(api, "second");
    String second = sdk.createDeployment(r -> r.restApiId(api.id())).id();

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      // a deployment without a stage name changes nothing that is served
      assertThat(pollWithinOneSecond(c, api.id(), "/prod/v", "first")).isEqualTo("first");

      updateStage(api, "prod", "/deploymentId", second);
      assertThat(pollWithinOneSecond(c, api.id(), "/prod/v", "second")).isEqualTo("second");

      updateStage(api, "prod", "/deploymentId", first);
      assertThat(pollWithinOneSecond(c, api.id(), "/prod/v", "first")).isEqualTo("first");
    }
  }

  @Test
  void editMethodAfterDeploy_withoutRedeploy_stageKeepsServingDeployedVersion() throws Exception {
    RestApiFixture api = mockApi("frozen", "old $stageVariables.rev");
    sdk.createDeployment(r -> r.restApiId(api.id()).stageName("s").variables(Map.of("rev", "1")));

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      assertThat(pollWithinOneSecond(c, api.id(), "/s/v", "old 1")).isEqualTo("old 1");

      setTemplate(api, "new $stageVariables.rev");
      // A later stage change that does go live: once it shows, the edit before it would have too.
      updateStage(api, "s", "/variables/rev", "2");

      // AWS: changes take effect on the stage only after a deployment (developer guide, "Deploy a
      // REST API")
      assertThat(pollWithinOneSecond(c, api.id(), "/s/v", "old 2")).isEqualTo("old 2");

      deploy(api, "s");
      assertThat(pollWithinOneSecond(c, api.id(), "/s/v", "new 2")).isEqualTo("new 2");
    }
  }

  @Test
  void pipelinedRequests_threeInOneWrite_answeredInOrder() throws Exception {
    String apiId = mockApi("pipelined", "p1").deploy("prod");
    String host = Invoke.host(apiId, turnpike.httpPort());

    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      StringBuilder three = new StringBuilder();
      for (int i = 0; i < 3; i++) {
        three.append(
            RawHttp.request(
                "GET",
                "/prod/v",
                host,
                null,
                "x-amzn-RequestId",
                "00000000-0000-4000-8000-00000000000" + i));
      }
      c.send(three.toString());
      for (int i = 0; i < 3; i++) {
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("p1");
        assertThat(r.header("x-amzn-RequestId"))
            .isEqualTo("00000000-0000-4000-8000-00000000000" + i);
      }
    }
  }
}
