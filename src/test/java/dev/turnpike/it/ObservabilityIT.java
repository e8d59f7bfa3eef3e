package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.RestApiFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * Issue 23 end to end: the 429 article's CloudWatch steps with the real AWS CLI (the CLI v1 has no
 * {@code aws logs tail}, so {@code aws logs filter-log-events}), and the request metrics on {@code
 * /_turnpike/metrics} checked against the requests this test counted.
 */
class ObservabilityIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String apiId;

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      apiId =
          RestApiFixture.create(sdk, "observed").mock("GET", "/", "NONE", true, "ok").deploy("dev");
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

  @Test
  void throttledRequest_foundInExecutionLogGroup_andCountedInMetrics() throws Exception {
    JsonNode key = aws.json("create-api-key", "--name", "observed-key", "--enabled");
    String planId =
        aws.json(
                "create-usage-plan",
                "--name",
                "observed-plan",
                "--api-stages=apiId=" + apiId + ",stage=dev",
                "--throttle",
                "burstLimit=1,rateLimit=1")
            .get("id")
            .asText();
    aws.json(
        "create-usage-plan-key",
        "--usage-plan-id",
        planId,
        "--key-id",
        key.get("id").asText(),
        "--key-type",
        "API_KEY");
    String value = key.get("value").asText();

    // Every request this test sends to the stage, by status: the counters must match exactly.
    List<Integer> statuses = new ArrayList<>();
    Poll.until(
        Duration.ofSeconds(10),
        () -> {
          int s =
              Invoke.hostStyle(turnpike, apiId, "GET", "/dev/", null, "x-api-key", value).status();
          statuses.add(s);
          return s;
        },
        s -> s == 429);
    statuses.add(Invoke.hostStyle(turnpike, apiId, "GET", "/dev/", null).status()); // no key: 403
    long ok = statuses.stream().filter(s -> s == 200).count();
    long throttled = statuses.stream().filter(s -> s == 429).count();
    long forbidden = statuses.stream().filter(s -> s == 403).count();
    assertThat(ok + throttled + forbidden).isEqualTo(statuses.size());
    assertThat(forbidden).isPositive();

    // The article: "open the execution log group of the stage and look for throttle".
    String group = "API-Gateway-Execution-Logs_" + apiId + "/dev";
    JsonNode found =
        Poll.until(
            Duration.ofSeconds(10),
            () ->
                logs(
                    "filter-log-events", "--log-group-name", group, "--filter-pattern", "throttle"),
            r -> r.get("events").size() >= 1);
    JsonNode event = found.get("events").get(0);
    assertThat(event.get("message").asText())
        .startsWith("(")
        .contains("Key throttle limit exceeded for Usage Plan ID " + planId)
        .doesNotContain(value);
    assertThat(event.get("logStreamName").asText()).isEqualTo("dev");
    assertThat(event.get("timestamp").asLong())
        .isBetween(System.currentTimeMillis() - 120_000, System.currentTimeMillis() + 1_000);
    // Quoted phrases, exclusions and ?alternatives narrow it, counted against what was sent.
    assertThat(count(group, "\"Method completed with status: 429\"")).isEqualTo(throttled);
    assertThat(count(group, "\"Method completed\" -\"status: 429\" -\"status: 403\""))
        .isEqualTo(ok);
    assertThat(count(group, "\"Method completed\" ?\"status: 429\" ?\"status: 200\""))
        .isEqualTo(ok + throttled);
    assertThat(
            logs("filter-log-events", "--log-group-name", group, "--filter-pattern", "nomatchterm")
                .get("events"))
        .isEmpty();
    JsonNode groups =
        logs("describe-log-groups", "--log-group-name-prefix", "API-Gateway-Execution-Logs_");
    assertThat(groups.get("logGroups")).hasSize(1);
    assertThat(groups.get("logGroups").get(0).get("logGroupName").asText()).isEqualTo(group);
    assertThat(
            logs("describe-log-streams", "--log-group-name", group)
                .get("logStreams")
                .get(0)
                .get("logStreamName")
                .asText())
        .isEqualTo("dev");
    // The newest events of the stream, then the page before them through nextBackwardToken.
    JsonNode newest =
        logs(
            "get-log-events",
            "--log-group-name",
            group,
            "--log-stream-name",
            "dev",
            "--limit",
            "2");
    assertThat(newest.get("events")).hasSize(2);
    assertThat(newest.get("events").get(1).get("message").asText())
        .contains("Method completed with status: 403");
    JsonNode older =
        logs(
            "get-log-events",
            "--log-group-name",
            group,
            "--log-stream-name",
            "dev",
            "--limit",
            "2",
            "--next-token",
            newest.get("nextBackwardToken").asText());
    assertThat(older.get("events")).hasSize(2);
    assertThat(older.get("events").get(1).get("timestamp").asLong())
        .isLessThanOrEqualTo(newest.get("events").get(0).get("timestamp").asLong());

    String dims = "{api_id=\"" + apiId + "\",stage=\"dev\"}";
    String dimsPlan = "{api_id=\"" + apiId + "\",level=\"plan\",stage=\"dev\"}";
    String expectedCount = "turnpike_api_requests_total" + dims + " " + (double) statuses.size();
    List<String> lines =
        Poll.until(
            Duration.ofSeconds(5),
            () -> metrics().lines().toList(),
            l -> l.contains(expectedCount));
    assertThat(lines)
        .contains(
            expectedCount,
            "turnpike_api_4xx_errors_total" + dims + " " + (double) (throttled + forbidden),
            "turnpike_api_5xx_errors_total" + dims + " 0.0",
            "turnpike_api_throttled_total" + dimsPlan + " " + (double) throttled,
            "turnpike_api_quota_exceeded_total" + dims + " 0.0",
            "turnpike_api_latency_seconds_count" + dims + " " + statuses.size(),
            // MOCK calls no backend: no integration latency, as its access-log field shows "-".
            "turnpike_api_integration_latency_seconds_count" + dims + " 0");
    assertThat(lines).anyMatch(l -> l.startsWith("turnpike_connections_open "));

    // The article's other step: "check the 4XXError and Count metrics" (aws cloudwatch, CBOR).
    assertThat(statistic("Count", "Sum")).isEqualTo((double) statuses.size());
    assertThat(statistic("4XXError", "Sum")).isEqualTo((double) (throttled + forbidden));
    assertThat(statistic("5XXError", "Sum")).isEqualTo(0.0);
    assertThat(statistic("Latency", "SampleCount")).isEqualTo((double) statuses.size());
    AwsCli.Result listed =
        aws.runService(
            "cloudwatch",
            "list-metrics",
            "--namespace",
            "AWS/ApiGateway",
            "--metric-name",
            "Count");
    assertThat(listed.exitCode()).as(listed.stderr()).isZero();
    JsonNode metric = listed.json().get("Metrics").get(0);
    assertThat(metric.get("Dimensions").toString())
        .isEqualTo(
            "[{\"Name\":\"ApiName\",\"Value\":\"observed\"},{\"Name\":\"Stage\",\"Value\":\"dev\"}]");
  }

  @Test
  void lambdaLogGroup_reportLineOfAnInvokeFound() throws Exception {
    String role = LambdaFixtures.executionRole(aws, "observed-exec");
    Path zip = tmp.resolve("logged.zip");
    Files.write(
        zip,
        LambdaFixtures.zip(
            "app.py",
            "def handler(event, context):\n    print('hello from logged')\n    return 1\n"));
    LambdaFixtures.ok(
        aws,
        "lambda",
        "create-function",
        "--function-name",
        "logged",
        "--runtime",
        "python3.12",
        "--handler",
        "app.handler",
        "--role",
        role,
        "--zip-file",
        "fileb://" + zip);
    LambdaFixtures.ok(
        aws, "lambda", "invoke", "--function-name", "logged", tmp.resolve("out.json").toString());
    JsonNode found =
        Poll.until(
            Duration.ofSeconds(10),
            () ->
                logs(
                    "filter-log-events",
                    "--log-group-name",
                    "/aws/lambda/logged",
                    "--filter-pattern",
                    "?REPORT ?hello"),
            r -> r.get("events").size() >= 2);
    List<String> messages = new ArrayList<>();
    found.get("events").forEach(e -> messages.add(e.get("message").asText()));
    assertThat(messages)
        .anyMatch(m -> m.startsWith("REPORT RequestId: ") && m.contains("\tDuration: "));
    assertThat(messages).anyMatch(m -> m.contains("hello from logged"));
    assertThat(messages).noneMatch(m -> m.startsWith("START "));
  }

  @Test
  void accessLogGroups_ofTwoStages_holdEachStagesLinesOnly() throws Exception {
    String accessApi;
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      accessApi =
          RestApiFixture.create(sdk, "access-logged")
              .mock("GET", "/", "NONE", false, "ok")
              .deploy("one");
      String deployment = sdk.getStage(r -> r.restApiId(accessApi).stageName("one")).deploymentId();
      sdk.createStage(r -> r.restApiId(accessApi).stageName("two").deploymentId(deployment));
    }
    for (String stage : List.of("one", "two")) {
      aws.json(
          "update-stage",
          "--rest-api-id",
          accessApi,
          "--stage-name",
          stage,
          "--patch-operations",
          "op=replace,path=/accessLogSettings/destinationArn,value=arn:aws:logs:us-east-1:"
              + "123456789012:log-group:turnpike/access-"
              + stage,
          "op=replace,path=/accessLogSettings/format,value="
              + "$context.requestId $context.stage $context.status");
    }
    // Interleaved requests to both stages; each stage's request ids in the order sent.
    List<String> one = new ArrayList<>();
    List<String> two = new ArrayList<>();
    long before = System.currentTimeMillis();
    for (int i = 0; i < 3; i++) {
      one.add(requestId(accessApi, "/one/", 200));
      two.add(requestId(accessApi, "/two/", 200));
    }
    two.add(requestId(accessApi, "/two/missing", 403));
    long after = System.currentTimeMillis();

    JsonNode found =
        Poll.until(
            Duration.ofSeconds(10),
            () -> logs("filter-log-events", "--log-group-name", "turnpike/access-one"),
            r -> r.get("events").size() >= 3);
    assertThat(messages(found))
        .containsExactly(one.get(0) + " one 200", one.get(1) + " one 200", one.get(2) + " one 200");
    for (JsonNode e : found.get("events")) {
      assertThat(e.get("timestamp").asLong()).isBetween(before - 1_000, after + 1_000);
      assertThat(e.get("logStreamName").asText()).isEqualTo(accessApi + "_one");
    }
    JsonNode twoEvents =
        Poll.until(
            Duration.ofSeconds(10),
            () ->
                logs(
                    "get-log-events",
                    "--log-group-name",
                    "turnpike/access-two",
                    "--log-stream-name",
                    accessApi + "_two",
                    "--start-from-head"),
            r -> r.get("events").size() >= 4);
    assertThat(messages(twoEvents))
        .containsExactly(
            two.get(0) + " two 200",
            two.get(1) + " two 200",
            two.get(2) + " two 200",
            two.get(3) + " two 403");
    // A filter pattern, as on the execution-log groups.
    assertThat(
            messages(
                logs(
                    "filter-log-events",
                    "--log-group-name",
                    "turnpike/access-two",
                    "--filter-pattern",
                    "403")))
        .containsExactly(two.get(3) + " two 403");
    JsonNode groups = logs("describe-log-groups", "--log-group-name-prefix", "turnpike/access-");
    List<String> names = new ArrayList<>();
    groups.get("logGroups").forEach(g -> names.add(g.get("logGroupName").asText()));
    assertThat(names).containsExactly("turnpike/access-one", "turnpike/access-two");
  }

  private static String requestId(String api, String path, int status) throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, api, "GET", path, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    return r.header("x-amzn-RequestId");
  }

  private static List<String> messages(JsonNode response) {
    List<String> out = new ArrayList<>();
    response.get("events").forEach(e -> out.add(e.get("message").asText()));
    return out;
  }

  @Test
  void unknownLogGroup_resourceNotFound() throws Exception {
    AwsCli.Result r =
        aws.runService(
            "logs", "filter-log-events", "--log-group-name", "API-Gateway-Execution-Logs_nope/dev");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains(
            "An error occurred (ResourceNotFoundException) when calling the FilterLogEvents"
                + " operation: The specified log group does not exist.");
  }

  /** The statistic summed over the last ten minutes' datapoints of the stage's metric. */
  private static double statistic(String metric, String statistic) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    AwsCli.Result r =
        aws.runService(
            "cloudwatch",
            "get-metric-statistics",
            "--namespace",
            "AWS/ApiGateway",
            "--metric-name",
            metric,
            "--dimensions",
            "Name=ApiName,Value=observed",
            "Name=Stage,Value=dev",
            "--start-time",
            Long.toString(now - 600),
            "--end-time",
            Long.toString(now + 60),
            "--period",
            "60",
            "--statistics",
            statistic);
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    double sum = 0;
    for (JsonNode p : r.json().get("Datapoints")) {
      sum += p.get(statistic).asDouble();
    }
    return sum;
  }

  private static long count(String group, String pattern) throws Exception {
    return logs("filter-log-events", "--log-group-name", group, "--filter-pattern", pattern)
        .get("events")
        .size();
  }

  private static JsonNode logs(String... args) throws Exception {
    AwsCli.Result r = aws.runService("logs", args);
    if (r.exitCode() != 0) {
      throw new AssertionError("aws logs " + String.join(" ", args) + ": " + r.stderr());
    }
    return r.json();
  }

  private static String metrics() throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:" + turnpike.adminPort() + "/_turnpike/metrics"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
