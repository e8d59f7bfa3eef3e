package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * {@code <data-dir>/logs/access.log}: one line per request, JSON with AWS's {@code $context} names
 * by default, or the stage's {@code accessLogSettings.format}.
 */
class AccessLogIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;
  static String apiId;
  static Path accessLog;

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    accessLog = turnpike.dataDir().resolve("logs").resolve("access.log");
    sdk = Sdk.connect(turnpike);
    var api = sdk.createRestApi(r -> r.name("logged"));
    apiId = api.id();
    String items =
        sdk.createResource(r -> r.restApiId(apiId).parentId(api.rootResourceId()).pathPart("items"))
            .id();
    String item = sdk.createResource(r -> r.restApiId(apiId).parentId(items).pathPart("{id}")).id();
    sdk.putMethod(
        r -> r.restApiId(apiId).resourceId(item).httpMethod("GET").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(item)
                .httpMethod("GET")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    sdk.putMethodResponse(
        r -> r.restApiId(apiId).resourceId(item).httpMethod("GET").statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(apiId)
                .resourceId(item)
                .httpMethod("GET")
                .statusCode("200")
                .responseTemplates(Map.of("application/json", "item $input.params('id')")));
    sdk.createDeployment(r -> r.restApiId(apiId).stageName("json"));
    String deployment = sdk.getStage(r -> r.restApiId(apiId).stageName("json")).deploymentId();
    sdk.createStage(r -> r.restApiId(apiId).stageName("clf").deploymentId(deployment));
    new AwsCli(turnpike)
        .json(
            "update-stage",
            "--rest-api-id",
            apiId,
            "--stage-name",
            "clf",
            "--patch-operations",
            "op=replace,path=/accessLogSettings/format,value="
                + "$context.requestId $context.httpMethod $context.resourcePath $context.status "
                + "$context.responseLength $context.stage");
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (sdk != null) {
      sdk.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  /**
   * The lines that contain {@code requestId}, once at least one has been written (the log flushes
   * every 200 ms).
   */
  private static List<String> linesFor(String requestId) throws Exception {
    return Poll.until(
        Duration.ofSeconds(5),
        () -> {
          if (!Files.exists(accessLog)) {
            return List.<String>of();
          }
          return Files.readAllLines(accessLog, StandardCharsets.UTF_8).stream()
              .filter(l -> l.contains(requestId))
              .toList();
        },
        lines -> !lines.isEmpty());
  }

  @Test
  void defaultFormat_matchedRequest_oneJsonLineWithContextFields() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/json/items/17?x=1", null);
    assertThat(r.status()).isEqualTo(200);
    String requestId = r.header("x-amzn-RequestId");

    List<String> lines = linesFor(requestId);

    assertThat(lines).hasSize(1);
    JsonNode line = AwsCli.JSON.readTree(lines.get(0));
    assertThat(line.get("requestId").asText()).isEqualTo(requestId);
    assertThat(line.get("extendedRequestId").asText()).isEqualTo(r.header("x-amz-apigw-id"));
    assertThat(line.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(line.get("path").asText()).isEqualTo("/json/items/17");
    assertThat(line.get("resourcePath").asText()).isEqualTo("/items/{id}");
    assertThat(line.get("status").asText()).isEqualTo("200");
    assertThat(line.get("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(line.get("responseLength").asText()).isEqualTo(Integer.toString(r.body().length));
    assertThat(line.get("apiId").asText()).isEqualTo(apiId);
    assertThat(line.get("stage").asText()).isEqualTo("json");
    // spec 6.12: requestTime like 04/Mar/2020:19:15:17 +0000
    assertThat(line.get("requestTime").asText())
        .matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
  }

  @Test
  void defaultFormat_routingMiss_loggedWithStatus403() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "DELETE", "/json/items/17", null);
    assertThat(r.status()).isEqualTo(403);

    List<String> lines = linesFor(r.header("x-amzn-RequestId"));

    assertThat(lines).hasSize(1);
    JsonNode line = AwsCli.JSON.readTree(lines.get(0));
    assertThat(line.get("httpMethod").asText()).isEqualTo("DELETE");
    assertThat(line.get("status").asText()).isEqualTo("403");
    assertThat(line.get("responseLength").asText()).isEqualTo("42");
  }

  @Test
  void defaultFormat_clientSuppliedRequestId_loggedAsSent() throws Exception {
    String mine = "7d2b7c1e-0000-4aaa-9bbb-0123456789ab";
    RawHttp.Response r =
        Invoke.hostStyle(turnpike, apiId, "GET", "/json/items/1", null, "x-amzn-RequestId", mine);
    assertThat(r.header("x-amzn-RequestId")).isEqualTo(mine);

    // C10: the access log's $context.requestId is the echoed id too
    List<String> lines = linesFor(mine);
    assertThat(lines).hasSize(1);
    assertThat(AwsCli.JSON.readTree(lines.get(0)).get("requestId").asText()).isEqualTo(mine);
  }

  @Test
  void defaultFormat_pipelinedRequests_oneLineEach() throws Exception {
    String host = Invoke.host(apiId, turnpike.httpPort());
    String[] ids = {
      "11111111-0000-4000-8000-000000000001",
      "11111111-0000-4000-8000-000000000002",
      "11111111-0000-4000-8000-000000000003"
    };
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      StringBuilder b = new StringBuilder();
      for (String id : ids) {
        b.append(
            RawHttp.request(
                "GET",
                "/json/items/" + id.charAt(id.length() - 1),
                host,
                null,
                "x-amzn-RequestId",
                id));
      }
      c.send(b.toString());
      for (int i = 0; i < ids.length; i++) {
        assertThat(c.read().status()).isEqualTo(200);
      }
    }
    for (String id : ids) {
      assertThat(linesFor(id)).hasSize(1);
    }
  }

  @Test
  void stageFormat_set_lineRendersThatFormat() throws Exception {
    // The format arrives with the snapshot rebuild after UpdateStage: ask until a line shows it.
    String[] last = new String[2];
    Poll.until(
        Duration.ofSeconds(5),
        () -> {
          RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/clf/items/5", null);
          assertThat(r.status()).isEqualTo(200);
          last[0] = r.header("x-amzn-RequestId");
          last[1] = Integer.toString(r.body().length);
          return linesFor(last[0]);
        },
        lines -> lines.size() == 1 && lines.get(0).startsWith(last[0]));

    assertThat(linesFor(last[0]))
        .containsExactly(last[0] + " GET /items/{id} 200 " + last[1] + " clf");
  }
}
