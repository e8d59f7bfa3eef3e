package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.RestApiFixture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * API keys, usage plans, throttles, quotas, GetUsage/UpdateUsage and execution logs, configured
 * with the real AWS CLI (spec 2, cases C41–C52); the API they meter is a fixture built through the
 * SDK.
 */
class UsagePlansIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String apiId;

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    try (ApiGatewayClient sdk =
        Sdk.connect(turnpike)) { // the API is a fixture: built through the SDK
      apiId =
          RestApiFixture.create(sdk, "metered")
              .mock("GET", "/", "NONE", true, "ok")
              .mock("GET", "/open", "NONE", false, "ok")
              .deploy("dev");
    }
    aws.json(
        "update-stage",
        "--rest-api-id",
        apiId,
        "--stage-name",
        "dev",
        "--patch-operations",
        "op=replace,path=/*/*/logging/loglevel,value=INFO");
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static RawHttp.Response get(String path, String key) throws Exception {
    return key == null
        ? Invoke.hostStyle(turnpike, apiId, "GET", path, null)
        : Invoke.hostStyle(turnpike, apiId, "GET", path, null, "x-api-key", key);
  }

  /**
   * Waits (bounded) until the snapshot admits the key: new keys take effect after the next compile.
   */
  private static void awaitAdmitted(String key) throws Exception {
    Poll.until(Duration.ofSeconds(10), () -> get("/dev/", key).status(), s -> s == 200);
  }

  /** Creates an enabled key in a new plan bound to {apiId}/dev; returns {keyId, value, planId}. */
  private static String[] keyInPlan(String... planArgs) throws Exception {
    JsonNode key = aws.json("create-api-key", "--name", "k-" + System.nanoTime(), "--enabled");
    assertThat(key.get("value").asText()).hasSize(40);
    assertThat(key.get("id").asText()).hasSize(10);
    String[] args = new String[planArgs.length + 4];
    args[0] = "create-usage-plan";
    args[1] = "--name";
    args[2] = "p-" + System.nanoTime();
    args[3] = "--api-stages=apiId=" + apiId + ",stage=dev";
    System.arraycopy(planArgs, 0, args, 4, planArgs.length);
    String planId = aws.json(args).get("id").asText();
    aws.json(
        "create-usage-plan-key",
        "--usage-plan-id",
        planId,
        "--key-id",
        key.get("id").asText(),
        "--key-type",
        "API_KEY");
    return new String[] {key.get("id").asText(), key.get("value").asText(), planId};
  }

  @Test
  void noKey_or_unknownKey_forbidden() throws Exception {
    RawHttp.Response r = get("/dev/", null);
    assertThat(r.status()).isEqualTo(403); // C41
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("ForbiddenException");
    assertThat(get("/dev/", "x".repeat(40)).status()).isEqualTo(403);
    assertThat(get("/dev/open", null).status()).isEqualTo(200); // C45
  }

  @Test
  void keyNotInPlan_forbidden_disabledKey_forbidden() throws Exception {
    String[] k = keyInPlan();
    awaitAdmitted(k[1]);
    aws.json(
        "update-api-key",
        "--api-key",
        k[0],
        "--patch-operations",
        "op=replace,path=/enabled,value=false");
    Poll.until(Duration.ofSeconds(10), () -> get("/dev/", k[1]).status(), s -> s == 403); // C43
    // Read-your-writes: once create-api-key answers, the data plane knows the key (and that it is
    // in no plan).
    String lone = aws.json("create-api-key", "--name", "lone", "--enabled").get("value").asText();
    assertThat(get("/dev/", lone).status()).isEqualTo(403); // C44
  }

  @Test
  void planThrottle_callUntil429_waitAndCallAgain() throws Exception {
    String[] k = keyInPlan("--throttle", "burstLimit=1,rateLimit=1");
    awaitAdmitted(k[1]);
    RawHttp.Response r = get("/dev/", k[1]);
    assertThat(r.status()).isEqualTo(429); // C46
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("TooManyRequestsException");
    Poll.until(Duration.ofSeconds(3), () -> get("/dev/", k[1]).status(), s -> s == 200);
  }

  @Test
  void quotaFivePerDay_sixthLimitExceeded_updateUsageRestores_getUsageShowsPairs()
      throws Exception {
    String[] k = keyInPlan("--quota", "limit=5,offset=0,period=DAY");
    awaitAdmitted(k[1]);
    for (int i = 0; i < 4; i++) {
      assertThat(get("/dev/", k[1]).status()).isEqualTo(200);
    }
    RawHttp.Response sixth = get("/dev/", k[1]);
    assertThat(sixth.status()).isEqualTo(429); // C47
    assertThat(sixth.bodyText()).isEqualTo("{\"message\":\"Limit Exceeded\"}");
    assertThat(sixth.header("x-amzn-ErrorType")).isEqualTo("LimitExceededException");
    assertThat(sixth.header("Retry-After")).isNull();

    aws.json(
        "update-usage",
        "--usage-plan-id",
        k[2],
        "--key-id",
        k[0],
        "--patch-operations",
        "op=replace,path=/remaining,value=2");
    assertThat(get("/dev/", k[1]).status()).isEqualTo(200); // C48

    String today = LocalDate.now(ZoneOffset.UTC).toString();
    JsonNode usage =
        aws.json("get-usage", "--usage-plan-id", k[2], "--start-date", today, "--end-date", today);
    assertThat(usage.get("items").get(k[0]).toString()).isEqualTo("[[6,1]]"); // C49
  }

  @Test
  void stageMethodThrottle_secondRapidRequest429() throws Exception {
    aws.json(
        "create-stage",
        "--rest-api-id",
        apiId,
        "--stage-name",
        "lim",
        "--deployment-id",
        aws.json("get-stage", "--rest-api-id", apiId, "--stage-name", "dev")
            .get("deploymentId")
            .asText());
    aws.json(
        "update-stage",
        "--rest-api-id",
        apiId,
        "--stage-name",
        "lim",
        "--patch-operations",
        "op=replace,path=/~1open/GET/throttling/rateLimit,value=1",
        "op=replace,path=/~1open/GET/throttling/burstLimit,value=1");
    Poll.until(Duration.ofSeconds(10), () -> get("/lim/open", null).status(), s -> s == 429); // C50
    assertThat(get("/lim/open", null).bodyText()).isEqualTo("{\"message\":\"Too Many Requests\"}");
  }

  @Test
  void executionLog_throttleAndQuotaLines_keysMasked() throws Exception {
    String[] t = keyInPlan("--throttle", "burstLimit=1,rateLimit=1");
    awaitAdmitted(t[1]);
    get("/dev/", t[1]);
    String[] q = keyInPlan("--quota", "limit=1,offset=0,period=DAY");
    awaitAdmitted(q[1]);
    get("/dev/", q[1]);
    Path log = turnpike.dataDir().resolve("logs/execution/" + apiId + "/dev.log");
    String text =
        Poll.until(
            Duration.ofSeconds(5),
            () -> Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "",
            s ->
                s.contains("Key quota exhausted for Usage Plan ID " + q[2])
                    && s.contains("Key throttle limit exceeded for Usage Plan ID " + t[2]));
    String maskedT = "*".repeat(34) + t[1].substring(34);
    assertThat(text)
        .contains(
            "API Key "
                + maskedT
                + " exceeded throttle limit for API Stage "
                + apiId
                + "/dev: Key throttle limit exceeded for Usage Plan ID "
                + t[2]
                + ", RestApi "
                + apiId
                + ", Stage dev");
    assertThat(text).contains("Limit: 1.00 Burst: 1");
    assertThat(text).contains("Key quota exhausted for Usage Plan ID " + q[2]);
    assertThat(text).contains("Verifying Usage Plan for request:");
    assertThat(text).contains("Method completed with status: 429");
    assertThat(text).doesNotContain(t[1]).doesNotContain(q[1]);
  }
}
