package dev.turnpike.control.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * API keys, usage plans and plan keys: shapes and the errors of spec 2.4–2.5 (recorded by
 * LocalStack against AWS).
 */
class UsagePlanOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;

  @BeforeEach
  void open() {
    cp = new ControlPlaneFixture(dir);
  }

  @AfterEach
  void close() {
    cp.close();
  }

  @Test
  void createApiKey_shortValue_400() {
    var r = cp.call("POST", "/apikeys", "{\"name\":\"k\",\"value\":\"short\"}");
    assertThat(r.status()).isEqualTo(400); // C51
    assertThat(r.message()).isEqualTo("API Key value should be at least 20 characters");
    assertThat(cp.call("POST", "/apikeys", "{\"value\":\"" + "x".repeat(129) + "\"}").message())
        .isEqualTo("API Key value exceeds maximum size of 128 characters");
  }

  @Test
  void createApiKey_defaults_disabledGeneratedValue_listOmitsValues() {
    JsonNode k = cp.call("POST", "/apikeys", "{\"name\":\"alpha\",\"customerId\":\"c1\"}").ok(201);
    assertThat(k.get("enabled").asBoolean()).isFalse();
    assertThat(k.get("value").asText()).hasSize(40);
    assertThat(k.get("id").asText()).hasSize(10);
    cp.call("POST", "/apikeys", "{\"name\":\"beta\"}").ok(201);
    JsonNode list = cp.call("GET", "/apikeys", "", Map.of("name", List.of("al"))).ok(200);
    assertThat(list.get("item")).hasSize(1);
    assertThat(list.get("item").get(0).has("value")).isFalse();
    JsonNode withValues =
        cp.call(
                "GET",
                "/apikeys",
                "",
                Map.of("includeValues", List.of("true"), "customerId", List.of("c1")))
            .ok(200);
    assertThat(withValues.get("item").get(0).get("value").asText())
        .isEqualTo(k.get("value").asText());
    // "replace /enabled not-a-boolean" is accepted and leaves false (recorded)
    JsonNode u =
        cp.call(
                "PATCH",
                "/apikeys/" + k.get("id").asText(),
                ControlPlaneFixture.patch("replace", "/enabled", "not-a-boolean"))
            .ok(200);
    assertThat(u.get("enabled").asBoolean()).isFalse();
  }

  @Test
  void usagePlan_unknownId_404_unknownStage_404_malformedStage_400() {
    assertThat(cp.call("GET", "/usageplans/nope00").message())
        .isEqualTo("Invalid Usage Plan ID specified");
    JsonNode p =
        cp.call(
                "POST",
                "/usageplans",
                "{\"name\":\"p\",\"throttle\":{\"burstLimit\":20,\"rateLimit\":10}}")
            .ok(201);
    String id = p.get("id").asText();
    var bad =
        cp.call(
            "PATCH",
            "/usageplans/" + id,
            ControlPlaneFixture.patch("add", "/apiStages", "nocolon"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.message()).isEqualTo("Invalid API Stage specified");
    var unknown =
        cp.call(
            "PATCH",
            "/usageplans/" + id,
            ControlPlaneFixture.patch("add", "/apiStages", "abc:dev"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message())
        .isEqualTo("Invalid API Stage {api: abc, stage: dev} specified for usageplan " + id);
  }

  @Test
  void usagePlan_patchQuotaThrottleAndMethodThrottle() {
    String[] api = cp.newApi();
    cp.mockMethod(api[0], api[1]);
    cp.call("POST", "/restapis/" + api[0] + "/deployments", "{\"stageName\":\"dev\"}").ok(201);
    String id = cp.call("POST", "/usageplans", "{\"name\":\"p\"}").ok(201).get("id").asText();
    cp.call(
            "PATCH",
            "/usageplans/" + id,
            ControlPlaneFixture.patch("add", "/apiStages", api[0] + ":dev"))
        .ok(200);
    cp.call("PATCH", "/usageplans/" + id, ControlPlaneFixture.patch("replace", "/quota/limit", "5"))
        .status();
    JsonNode q =
        cp.call(
                "PATCH",
                "/usageplans/" + id,
                "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/quota/limit\",\"value\":\"5\"},"
                    + "{\"op\":\"replace\",\"path\":\"/quota/period\",\"value\":\"DAY\"},"
                    + "{\"op\":\"replace\",\"path\":\"/throttle/rateLimit\",\"value\":\"2.5\"},"
                    + "{\"op\":\"replace\",\"path\":\"/apiStages/"
                    + api[0]
                    + ":dev/throttle/~1/GET/rateLimit\",\"value\":\"1\"}]}")
            .ok(200);
    assertThat(q.get("quota").toString())
        .isEqualTo("{\"limit\":5,\"offset\":0,\"period\":\"DAY\"}");
    assertThat(q.get("throttle").get("rateLimit").asDouble()).isEqualTo(2.5);
    assertThat(q.get("apiStages").get(0).get("throttle").get("//GET").get("rateLimit").asDouble())
        .isEqualTo(1.0);
    assertThat(q.has("quotaSetAt")).isFalse();
  }

  @Test
  void usagePlanKeys_unknownPlan_200Empty_andDeleteKeyRemovesFromPlans() {
    JsonNode empty = cp.call("GET", "/usageplans/nonexistent/keys").ok(200); // C52
    assertThat(empty.get("item")).isEmpty();
    String plan = cp.call("POST", "/usageplans", "{\"name\":\"p\"}").ok(201).get("id").asText();
    String key = cp.call("POST", "/apikeys", "{\"name\":\"k\"}").ok(201).get("id").asText();
    JsonNode pk =
        cp.call(
                "POST",
                "/usageplans/" + plan + "/keys",
                "{\"keyId\":\"" + key + "\",\"keyType\":\"API_KEY\"}")
            .ok(201);
    assertThat(pk.get("type").asText()).isEqualTo("API_KEY");
    assertThat(pk.get("value").asText()).hasSize(40);
    assertThat(cp.call("GET", "/usageplans", "", Map.of("keyId", List.of(key))).ok(200).get("item"))
        .hasSize(1);
    cp.call("DELETE", "/apikeys/" + key).ok(202);
    assertThat(cp.call("GET", "/usageplans/" + plan + "/keys").ok(200).get("item")).isEmpty();
  }

  @Test
  void importApiKeys_csv_createsKeysAndAttaches() {
    String plan = cp.call("POST", "/usageplans", "{\"name\":\"p\"}").ok(201).get("id").asText();
    String csv =
        "Name,key,description,Enabled,usageplanIds\nimported,"
            + "v".repeat(30)
            + ",d,true,"
            + plan
            + "\n";
    var r =
        cp.call(
            "POST", "/apikeys", csv, Map.of("mode", List.of("import"), "format", List.of("csv")));
    JsonNode ids = r.ok(201);
    assertThat(ids.get("ids")).hasSize(1);
    assertThat(
            cp.call("GET", "/usageplans/" + plan + "/keys")
                .ok(200)
                .get("item")
                .get(0)
                .get("name")
                .asText())
        .isEqualTo("imported");
  }

  // UpdateUsagePlan's declared paths (issue 16 §4). The 400/404 texts of /apiStages are AWS's
  // (spec 2.4, LocalStack test_usage_plan_crud and the provider's recorded messages); the others
  // are Turnpike's, kept as they were before the declarations.

  private String planWithStage(String apiId) {
    String id = cp.call("POST", "/usageplans", "{\"name\":\"p\"}").ok(201).get("id").asText();
    cp.call(
            "PATCH",
            "/usageplans/" + id,
            ControlPlaneFixture.patch("add", "/apiStages", apiId + ":dev"))
        .ok(200);
    return id;
  }

  private String deployedApi() {
    String[] api = cp.newApi();
    cp.mockMethod(api[0], api[1]);
    cp.call("POST", "/restapis/" + api[0] + "/deployments", "{\"stageName\":\"dev\"}").ok(201);
    return api[0];
  }

  private ControlPlaneFixture.Reply patchPlan(String id, String op, String path, String value) {
    return cp.call("PATCH", "/usageplans/" + id, ControlPlaneFixture.patch(op, path, value));
  }

  private static void assertError(
      ControlPlaneFixture.Reply r, int status, String type, String message) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.errorType()).isEqualTo(type);
    assertThat(r.message()).isEqualTo(message);
  }

  @Test
  void updateUsagePlan_addStageTwiceThenRemove_listedOnceThenGone() {
    String api = deployedApi();
    String id = planWithStage(api);
    JsonNode twice = patchPlan(id, "add", "/apiStages", api + ":dev").ok(200);
    assertThat(twice.get("apiStages").toString())
        .isEqualTo("[{\"apiId\":\"" + api + "\",\"stage\":\"dev\"}]");
    JsonNode removed = patchPlan(id, "remove", "/apiStages", api + ":dev").ok(200);
    assertThat(removed.get("apiStages")).isEmpty();
  }

  @Test
  void updateUsagePlan_removeStageNotInPlan_404NamingPlan() {
    String api = deployedApi();
    String id = cp.call("POST", "/usageplans", "{\"name\":\"p\"}").ok(201).get("id").asText();
    assertError(
        patchPlan(id, "remove", "/apiStages", api + ":dev"),
        404,
        "NotFoundException",
        "Invalid API Stage {api: " + api + ", stage: dev} specified for usageplan " + id);
  }

  @Test
  void updateUsagePlan_replaceApiStages_400AddOrRemove() {
    String api = deployedApi();
    String id = planWithStage(api);
    assertError(
        patchPlan(id, "replace", "/apiStages", api + ":dev"),
        400,
        "BadRequestException",
        "Invalid patch operation specified. Must be 'add'|'remove'");
    assertError(
        patchPlan(id, "replace", "/apiStages", "nocolon"),
        400,
        "BadRequestException",
        "Invalid API Stage specified");
  }

  @Test
  void updateUsagePlan_methodThrottleSetThenRemoved_entryThenNoThrottle() {
    String api = deployedApi();
    String id = planWithStage(api);
    String method = "/apiStages/" + api + ":dev/throttle/~1pets/GET";
    cp.call(
            "PATCH",
            "/usageplans/" + id,
            "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\""
                + method
                + "/rateLimit\",\"value\":\"5\"},{\"op\":\"replace\",\"path\":\""
                + method
                + "/burstLimit\",\"value\":\"10\"}]}")
        .ok(200);
    JsonNode set =
        patchPlan(id, "replace", "/apiStages/" + api + ":dev/throttle/~1/GET/rateLimit", "1")
            .ok(200);
    assertThat(set.get("apiStages").get(0).get("throttle").toString())
        .isEqualTo(
            "{\"//GET\":{\"rateLimit\":1.0},\"/pets/GET\":{\"burstLimit\":10,\"rateLimit\":5.0}}");
    patchPlan(id, "remove", "/apiStages/" + api + ":dev/throttle/~1/GET", null).ok(200);
    JsonNode removed = patchPlan(id, "remove", method, null).ok(200);
    assertThat(removed.get("apiStages").get(0).has("throttle")).isFalse();
    assertThat(cp.call("GET", "/usageplans/" + id).ok(200).get("apiStages").get(0).has("throttle"))
        .isFalse();
  }

  @Test
  void updateUsagePlan_methodThrottleOfStageNotInPlan_404NamingPlan() {
    String api = deployedApi();
    String id = planWithStage(api);
    assertError(
        patchPlan(id, "replace", "/apiStages/" + api + ":prod/throttle/~1/GET/rateLimit", "1"),
        404,
        "NotFoundException",
        "Invalid API Stage {api: " + api + ", stage: prod} specified for usageplan " + id);
    assertError(
        patchPlan(id, "replace", "/apiStages/nocolon/throttle/~1/GET/rateLimit", "1"),
        400,
        "BadRequestException",
        "Invalid API Stage specified");
  }

  @Test
  void updateUsagePlan_badNumber_400NamingMemberValueAndPath() {
    String api = deployedApi();
    String id = planWithStage(api);
    assertError(
        patchPlan(id, "replace", "/throttle/burstLimit", "1.5"),
        400,
        "BadRequestException",
        "Invalid burstLimit value '1.5' for /throttle/burstLimit");
    assertError(
        patchPlan(id, "replace", "/quota/limit", "many"),
        400,
        "BadRequestException",
        "Invalid limit value 'many' for /quota/limit");
    String rate = "/apiStages/" + api + ":dev/throttle/~1/GET/rateLimit";
    assertError(
        patchPlan(id, "replace", rate, "fast"),
        400,
        "BadRequestException",
        "Invalid rateLimit value 'fast' for " + rate);
  }

  @Test
  void updateUsagePlan_negativeMethodBurst_400Expected() {
    String api = deployedApi();
    String id = planWithStage(api);
    assertError(
        patchPlan(id, "replace", "/apiStages/" + api + ":dev/throttle/~1/GET/burstLimit", "-1"),
        400,
        "BadRequestException",
        "burstLimit: -1 (expected: >= 0)");
  }

  @Test
  void updateUsagePlan_unknownPathOrReplaceOfMethodEntry_400ListingPaths() {
    String api = deployedApi();
    String id = planWithStage(api);
    String listing =
        "'. Must be one of: [/name, /description, /productCode, /apiStages, /throttle/rateLimit,"
            + " /throttle/burstLimit, /quota/limit, /quota/offset, /quota/period,"
            + " /apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/(rateLimit|burstLimit)]";
    assertError(
        patchPlan(id, "replace", "/id", "x"),
        400,
        "BadRequestException",
        "Invalid patch path '/id' specified for op 'replace" + listing);
    String entry = "/apiStages/" + api + ":dev/throttle/~1/GET";
    assertError(
        patchPlan(id, "replace", entry, "1"),
        400,
        "BadRequestException",
        "Invalid patch path '" + entry + "' specified for op 'replace" + listing);
    assertError(
        patchPlan(id, "replace", "/throttle", "1"),
        400,
        "BadRequestException",
        "Invalid patch path '/throttle' specified for op 'replace" + listing);
  }

  @Test
  void updateUsagePlan_removeNameThenThrottleAndQuota_nameKeptOthersDropped() {
    String id =
        cp.call(
                "POST",
                "/usageplans",
                "{\"name\":\"p\",\"throttle\":{\"burstLimit\":2,\"rateLimit\":1},"
                    + "\"quota\":{\"limit\":5,\"period\":\"DAY\"}}")
            .ok(201)
            .get("id")
            .asText();
    JsonNode r =
        cp.call(
                "PATCH",
                "/usageplans/" + id,
                "{\"patchOperations\":[{\"op\":\"remove\",\"path\":\"/name\"},"
                    + "{\"op\":\"remove\",\"path\":\"/throttle\"},"
                    + "{\"op\":\"remove\",\"path\":\"/quota\"}]}")
            .ok(200);
    assertThat(r.get("name").asText()).isEqualTo("p");
    assertThat(r.has("throttle")).isFalse();
    assertThat(r.has("quota")).isFalse();
  }

  @Test
  void updateUsagePlan_quotaPeriodWithSpaces_trimmedAndOffsetDefaultsToZero() {
    String id = cp.call("POST", "/usageplans", "{\"name\":\"p\"}").ok(201).get("id").asText();
    JsonNode r =
        cp.call(
                "PATCH",
                "/usageplans/" + id,
                "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/quota/limit\",\"value\":\"5\"},{\"op\":\"replace\",\"path\":\"/quota/period\",\"value\":\""
                    + " WEEK \"}]}")
            .ok(200);
    assertThat(r.get("quota").toString())
        .isEqualTo("{\"limit\":5,\"offset\":0,\"period\":\"WEEK\"}");
    assertError(
        patchPlan(id, "remove", "/quota/period", null),
        400,
        "BadRequestException",
        "Invalid quota period specified: null. Valid options are DAY,WEEK,MONTH");
  }
}
