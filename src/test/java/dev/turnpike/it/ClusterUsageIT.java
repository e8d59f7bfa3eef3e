package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.GetUsageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.QuotaPeriodType;

/**
 * Two real nodes on one PostgreSQL database consume one API key's quota (issue 21): what node A
 * admitted counts against the quota node B enforces, GetUsage answers the cluster's count through
 * either node, and UpdateUsage through B is what A enforces. Before usage was shared, each node
 * admitted the whole quota and the nodes overwrote each other's usage documents.
 */
class ClusterUsageIT {
  static final int LIMIT = 10;
  static final String KEY = "cluster-usage-it-key-0123456789abcdef";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TestDatabase db;
  static TurnpikeProcess nodeA;
  static TurnpikeProcess nodeB;
  static ApiGatewayClient viaA;
  static ApiGatewayClient viaB;
  static String apiId;
  static String planId;
  static String keyId;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path keyFile = tmp.resolve("secret.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
    nodeA =
        TurnpikeProcess.start(
            tmp.resolve("a"), "--store", db.uri(), "--secret-key-file", keyFile.toString());
    nodeB =
        TurnpikeProcess.start(
            tmp.resolve("b"), "--store", db.uri(), "--secret-key-file", keyFile.toString());
    viaA = Sdk.connect(nodeA);
    viaB = Sdk.connect(nodeB);
    quotaApi(viaA);
    Thread.sleep(1500); // every node serves an acknowledged write within one second
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {viaA, viaB, nodeA, nodeB}) {
      if (c != null) {
        c.close();
      }
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void twoNodesConsumeOneQuota_getUsageAndUpdateUsageThroughEitherNode() throws Exception {
    assertThat(admitted(nodeA, 6)).isEqualTo(6);
    // A writes its count within a second; B reads the cluster's counts within five.
    Thread.sleep(7000);
    assertThat(admitted(nodeB, LIMIT)).as("admitted by B after A used 6 of 10").isEqualTo(4);

    assertThat(today(viaB)).as("GetUsage through B").containsExactly(10L, 0L);
    Thread.sleep(2000); // B's counts written
    assertThat(today(viaA)).as("GetUsage through A").containsExactly(10L, 0L);

    viaB.updateUsage(
        r ->
            r.usagePlanId(planId)
                .keyId(keyId)
                .patchOperations(o -> o.op(Op.REPLACE).path("/remaining").value("3")));
    assertThat(today(viaB)).as("GetUsage through B after UpdateUsage").containsExactly(10L, 3L);
    Thread.sleep(3000); // an exhausted key's count is read again every second
    assertThat(admitted(nodeA, 5)).as("admitted by A after UpdateUsage through B").isEqualTo(3);
    Thread.sleep(2000);
    assertThat(today(viaB)).as("GetUsage through B at the end").containsExactly(13L, 0L);
    assertThat(today(viaA)).as("GetUsage through A at the end").containsExactly(13L, 0L);
  }

  static int admitted(TurnpikeProcess node, int requests) throws IOException {
    int ok = 0;
    for (int i = 0; i < requests; i++) {
      int status =
          Invoke.hostStyle(node, apiId, "GET", "/live/thing", null, "x-api-key", KEY).status();
      assertThat(status).isIn(200, 429);
      if (status == 200) {
        ok++;
      }
    }
    return ok;
  }

  static List<Long> today(ApiGatewayClient sdk) {
    String day = LocalDate.now(ZoneOffset.UTC).toString();
    GetUsageResponse usage =
        sdk.getUsage(r -> r.usagePlanId(planId).keyId(keyId).startDate(day).endDate(day));
    return usage.items().get(keyId).get(0);
  }

  static void quotaApi(ApiGatewayClient sdk) {
    var api = sdk.createRestApi(r -> r.name("quota"));
    apiId = api.id();
    String thing =
        sdk.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("thing"))
            .id();
    sdk.putMethod(
        r ->
            r.restApiId(apiId)
                .resourceId(thing)
                .httpMethod("GET")
                .authorizationType("NONE")
                .apiKeyRequired(true));
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(thing)
                .httpMethod("GET")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    sdk.putMethodResponse(
        r -> r.restApiId(apiId).resourceId(thing).httpMethod("GET").statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(apiId)
                .resourceId(thing)
                .httpMethod("GET")
                .statusCode("200")
                .responseTemplates(Map.of("application/json", "ok")));
    sdk.createDeployment(r -> r.restApiId(apiId).stageName("live"));
    keyId = sdk.createApiKey(r -> r.name("k").enabled(true).value(KEY)).id();
    planId =
        sdk.createUsagePlan(
                r ->
                    r.name("quota-plan")
                        .quota(q -> q.limit(LIMIT).offset(0).period(QuotaPeriodType.DAY))
                        .apiStages(s -> s.apiId(apiId).stage("live")))
            .id();
    sdk.createUsagePlanKey(r -> r.usagePlanId(planId).keyId(keyId).keyType("API_KEY"));
  }
}
