package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.store.Documents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentStageOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;
  String api;
  String root;
  String base;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    String[] ids = cp.newApi();
    api = ids[0];
    root = ids[1];
    base = "/restapis/" + api;
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private String deploy(String body) {
    return cp.call("POST", base + "/deployments", body).ok(201).get("id").asText();
  }

  @Test
  void createDeployment_noMethods_returnsBadRequest() {
    var r = cp.call("POST", base + "/deployments", "{\"stageName\":\"dev\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("The REST API doesn't contain any methods");
  }

  @Test
  void createDeployment_withStageName_createsStagePointingAtIt() {
    cp.mockMethod(api, root);
    JsonNode d =
        cp.call(
                "POST",
                base + "/deployments",
                "{\"stageName\":\"dev\",\"stageDescription\":\"first\",\"description\":\"v1\",\"variables\":{\"host\":\"a.example\"}}")
            .ok(201);
    assertThat(d.get("description").asText()).isEqualTo("v1");
    assertThat(d.get("createdDate").asLong()).isEqualTo(1714557600L);
    assertThat(d.has("apiSummary")).isFalse();
    JsonNode stage = cp.call("GET", base + "/stages/dev").ok(200);
    assertThat(stage.get("deploymentId").asText()).isEqualTo(d.get("id").asText());
    assertThat(stage.get("description").asText()).isEqualTo("first");
    assertThat(stage.get("variables").get("host").asText()).isEqualTo("a.example");
    // LocalStack snapshot test_get_stages_filters_by_deployment_id: the members a fresh stage
    // shows.
    assertThat(stage.get("cacheClusterStatus").asText()).isEqualTo("NOT_AVAILABLE");
    assertThat(stage.get("methodSettings")).isEmpty();
    assertThat(stage.get("tracingEnabled").asBoolean()).isFalse();
  }

  @Test
  void getDeployment_embedApiSummary_showsMethods() {
    cp.mockMethod(api, root);
    String id = deploy("{}");
    JsonNode d =
        cp.call("GET", base + "/deployments/" + id, "", Map.of("embed", List.of("apisummary")))
            .ok(200);
    assertThat(d.get("apiSummary").get("/").get("GET").get("authorizationType").asText())
        .isEqualTo("NONE");
    assertThat(d.get("apiSummary").get("/").get("GET").get("apiKeyRequired").asBoolean()).isFalse();
    assertThat(cp.call("GET", base + "/deployments").ok(200).get("item")).hasSize(1);
  }

  @Test
  void createDeployment_laterEdits_doNotChangeDeployedApi() {
    cp.mockMethod(api, root);
    String id = deploy("{\"stageName\":\"dev\"}");
    String m = base + "/resources/" + root + "/methods/GET";
    cp.call("PATCH", m + "/integration", patch("replace", "/timeoutInMillis", "100")).ok(200);
    cp.call(
            "PUT",
            base + "/resources/" + root + "/methods/POST",
            "{\"authorizationType\":\"NONE\"}")
        .ok(201);
    DeployedApi frozen =
        cp.store
            .get(ApiRepository.deployedApiKey(ControlPlaneFixture.ACCOUNT, api, id))
            .map(doc -> Documents.read(doc, DeployedApi.class))
            .orElseThrow();
    assertThat(frozen.resources()).hasSize(1);
    assertThat(frozen.resources().get(0).resourceMethods()).containsOnlyKeys("GET");
    assertThat(
            frozen
                .resources()
                .get(0)
                .resourceMethods()
                .get("GET")
                .methodIntegration()
                .timeoutInMillis())
        .isEqualTo(29000);
    assertThat(frozen.api().id()).isEqualTo(api);
  }

  @Test
  void deleteDeployment_usedByStage_returnsBadRequest() {
    cp.mockMethod(api, root);
    String id = deploy("{\"stageName\":\"dev\"}");
    var r = cp.call("DELETE", base + "/deployments/" + id);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message())
        .isEqualTo("Active stages pointing to this deployment must be moved or deleted");
    assertThat(cp.call("DELETE", base + "/stages/dev").status()).isEqualTo(202);
    assertThat(cp.call("DELETE", base + "/deployments/" + id).status()).isEqualTo(202);
    assertThat(cp.store.get(ApiRepository.deployedApiKey(ControlPlaneFixture.ACCOUNT, api, id)))
        .isEmpty();
    assertThat(cp.call("GET", base + "/deployments/" + id).status()).isEqualTo(404);
  }

  @Test
  void updateDeployment_description_returns200() {
    cp.mockMethod(api, root);
    String id = deploy("{}");
    assertThat(
            cp.call("PATCH", base + "/deployments/" + id, patch("replace", "/description", "new"))
                .ok(200)
                .get("description")
                .asText())
        .isEqualTo("new");
  }

  @Test
  void createStage_existingName_returnsConflict() {
    cp.mockMethod(api, root);
    String id = deploy("{}");
    JsonNode s =
        cp.call(
                "POST",
                base + "/stages",
                "{\"stageName\":\"prod\",\"deploymentId\":\"" + id + "\"}")
            .ok(201);
    assertThat(s.get("createdDate").asLong()).isEqualTo(s.get("lastUpdatedDate").asLong());
    var r =
        cp.call(
            "POST", base + "/stages", "{\"stageName\":\"prod\",\"deploymentId\":\"" + id + "\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorType()).isEqualTo("ConflictException");
  }

  @Test
  void createStage_unknownDeployment_returnsNotFound() {
    var r =
        cp.call("POST", base + "/stages", "{\"stageName\":\"prod\",\"deploymentId\":\"nope00\"}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("Invalid Deployment identifier specified");
  }

  @Test
  void createStage_badName_returnsBadRequest() {
    cp.mockMethod(api, root);
    String id = deploy("{}");
    assertThat(
            cp.call(
                    "POST",
                    base + "/stages",
                    "{\"stageName\":\"a b\",\"deploymentId\":\"" + id + "\"}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void getStages_deploymentFilter_returnsItemShape() {
    cp.mockMethod(api, root);
    String d1 = deploy("{\"stageName\":\"one\"}");
    deploy("{\"stageName\":\"two\"}");
    assertThat(cp.call("GET", base + "/stages").ok(200).get("item")).hasSize(2);
    JsonNode filtered =
        cp.call("GET", base + "/stages", "", Map.of("deploymentId", List.of(d1))).ok(200);
    assertThat(filtered.get("item")).hasSize(1);
    assertThat(filtered.get("item").get(0).get("stageName").asText()).isEqualTo("one");
  }

  @Test
  void updateStage_variables_validatedPerSpec() {
    // Spec 6.10: names [A-Za-z0-9_]+ (<= 64), values [A-Za-z0-9-._~:/?#&=,]+ (<= 512).
    cp.mockMethod(api, root);
    deploy("{\"stageName\":\"dev\"}");
    String s = base + "/stages/dev";
    assertThat(
            cp.call("PATCH", s, patch("replace", "/variables/host", "a.example:8080/x?y=1#z"))
                .ok(200)
                .get("variables")
                .get("host")
                .asText())
        .isEqualTo("a.example:8080/x?y=1#z");
    assertThat(cp.call("PATCH", s, patch("replace", "/variables/bad-name", "x")).status())
        .isEqualTo(400);
    assertThat(cp.call("PATCH", s, patch("replace", "/variables/v", "has space")).status())
        .isEqualTo(400);
    assertThat(cp.call("PATCH", s, patch("replace", "/variables/" + "k".repeat(65), "x")).status())
        .isEqualTo(400);
    assertThat(cp.call("PATCH", s, patch("replace", "/variables/v", "x".repeat(513))).status())
        .isEqualTo(400);
    assertThat(
            cp.call("PATCH", s, patch("remove", "/variables/host", null)).ok(200).has("variables"))
        .isFalse();
  }

  @Test
  void updateStage_tooManyVariables_returnsBadRequest() {
    cp.mockMethod(api, root);
    StringBuilder vars = new StringBuilder("{");
    for (int i = 0; i < 101; i++) {
      vars.append(i == 0 ? "" : ",").append("\"v").append(i).append("\":\"x\"");
    }
    var r =
        cp.call(
            "POST", base + "/deployments", "{\"stageName\":\"dev\",\"variables\":" + vars + "}}");
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void updateStage_methodSettings_keyedAsAwsShowsWithDefaults() {
    // awscli examples/apigateway/update-stage.rst: key "~1resourceName/GET", defaults burst 5000,
    // rate 10000.0.
    cp.mockMethod(api, root);
    deploy("{\"stageName\":\"dev\"}");
    String s = base + "/stages/dev";
    cp.call("PATCH", s, patch("replace", "/*/*/throttling/rateLimit", "100")).ok(200);
    cp.call("PATCH", s, patch("replace", "/*/*/throttling/burstLimit", "50")).ok(200);
    JsonNode stage =
        cp.call("PATCH", s, patch("replace", "/~1pets/GET/logging/loglevel", "INFO")).ok(200);
    JsonNode all = stage.get("methodSettings").get("*/*");
    assertThat(all.get("throttlingRateLimit").asDouble()).isEqualTo(100.0);
    assertThat(all.get("throttlingBurstLimit").asInt()).isEqualTo(50);
    JsonNode pets = stage.get("methodSettings").get("~1pets/GET");
    assertThat(pets.get("loggingLevel").asText()).isEqualTo("INFO");
    assertThat(pets.get("throttlingBurstLimit").asInt()).isEqualTo(5000);
    assertThat(pets.get("throttlingRateLimit").asDouble()).isEqualTo(10000.0);
    assertThat(pets.get("cacheTtlInSeconds").asInt()).isEqualTo(300);
    assertThat(pets.get("requireAuthorizationForCacheControl").asBoolean()).isTrue();
    assertThat(pets.get("unauthorizedCacheControlHeaderStrategy").asText())
        .isEqualTo("SUCCEED_WITH_RESPONSE_HEADER");
    assertThat(cp.call("PATCH", s, patch("replace", "/*/*/throttling/rateLimit", "-1")).status())
        .isEqualTo(400);
  }

  @Test
  void updateStage_scalarsAndDeployment_updateLastUpdatedDate() {
    cp.mockMethod(api, root);
    deploy("{\"stageName\":\"dev\"}");
    String d2 = deploy("{}");
    String s = base + "/stages/dev";
    cp.call("PATCH", s, patch("replace", "/tracingEnabled", "true")).ok(200);
    cp.call("PATCH", s, patch("replace", "/accessLogSettings/format", "$context.requestId"))
        .ok(200);
    JsonNode stage = cp.call("PATCH", s, patch("replace", "/deploymentId", d2)).ok(200);
    assertThat(stage.get("tracingEnabled").asBoolean()).isTrue();
    assertThat(stage.get("accessLogSettings").get("format").asText())
        .isEqualTo("$context.requestId");
    assertThat(stage.get("deploymentId").asText()).isEqualTo(d2);
    assertThat(stage.get("lastUpdatedDate").asLong()).isEqualTo(1714557600L);
    assertThat(cp.call("PATCH", s, patch("replace", "/deploymentId", "nope00")).status())
        .isEqualTo(404);
  }

  @Test
  void getStage_unknown_returnsNotFound() {
    var r = cp.call("GET", base + "/stages/none");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("Invalid Stage identifier specified");
    assertThat(cp.call("DELETE", base + "/stages/none").status()).isEqualTo(404);
  }
}
