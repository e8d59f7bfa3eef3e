package dev.turnpike.integration;

import static dev.turnpike.integration.IntegrationFixtures.defaultResponse;
import static dev.turnpike.integration.IntegrationFixtures.integration;
import static dev.turnpike.integration.IntegrationFixtures.routed;
import static dev.turnpike.integration.IntegrationFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.counters.Ticker;
import dev.turnpike.integration.http.BackendClientOptions;
import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.lambda.LocalLambdaInvoker;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.Stages;
import dev.turnpike.routing.HostClassifier;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledIntegrationResponse;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.SnapshotCompiler;
import dev.turnpike.store.Documents;
import dev.turnpike.testkit.ControlPlaneDriver;
import dev.turnpike.testkit.PathRunner;
import dev.turnpike.testkit.TestExchanges;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntegrationsMockTest {
  static EventLoopGroup group;
  static HttpBackendClient client;
  static IntegrationRegistry integrations;
  static LocalLambdaInvoker lambda;

  @TempDir Path dir;

  @BeforeAll
  static void startClient() throws java.io.IOException {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    client = HttpBackendClient.create(group, BackendClientOptions.defaults());
    Path lambdaDir = java.nio.file.Files.createTempDirectory("turnpike-lambda");
    lambda =
        LocalLambdaInvoker.start(
            lambdaDir,
            lambdaDir.resolve("logs"),
            LocalLambdaInvoker.locatePython(),
            java.time.Clock.systemUTC());
    integrations = new IntegrationRegistry(client, lambda, Ticker.system());
  }

  @AfterAll
  static void stopClient() throws InterruptedException {
    lambda.close();
    client.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
  }

  /**
   * Binds the exchange's hand-built integration as a deployment would, then runs it through the
   * request path.
   */
  private static GatewayReply invoke(Exchange ex) {
    CompiledIntegration in = ex.method().integration();
    if (in != null) {
      ex.route =
          new RouteMatch<>(
              new CompiledMethod(
                  ex.route.method().httpMethod(),
                  ex.route.resourcePath(),
                  "NONE",
                  false,
                  in.bound(integrations.bind(in.type()))),
              ex.route.resourcePath(),
              ex.route.resourceId(),
              ex.route.pathParams());
    }
    return PathRunner.reply(List.of(), ex);
  }

  private static String body(GatewayReply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static CompiledIntegration mock(
      String passthrough,
      Map<String, String> requestTemplates,
      List<CompiledIntegrationResponse> responses) {
    Map<String, dev.turnpike.template.CompiledTemplate> compiled = new java.util.HashMap<>();
    requestTemplates.forEach((k, v) -> compiled.put(k, template(v)));
    return integration("MOCK", "", passthrough, Map.of(), compiled, responses);
  }

  private static Exchange exchange(CompiledIntegration in, String body, String... headers) {
    return routed(in, "/r", Map.of(), Map.of(), "POST", "/r", body, headers);
  }

  @ParameterizedTest
  @ValueSource(strings = {"WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES"})
  void invoke_c07MockThroughCompiledDeployment_rendersResponseTemplate(String passthrough) {
    // C07 (LS test_apigateway_basic.snapshot.json → test_mock_integration_response[*]).
    GatewaySnapshot snapshot;
    String apiId;
    try (ControlPlaneDriver cp = new ControlPlaneDriver(dir)) {
      String[] api = cp.createApi();
      apiId = api[0];
      String id = cp.createResource(apiId, api[1], "{id}");
      String m = "/restapis/" + apiId + "/resources/" + id + "/methods/GET";
      cp.call(201, "PUT", m, "{\"authorizationType\":\"NONE\"}");
      cp.call(
          201,
          "PUT",
          m + "/integration",
          "{\"type\":\"MOCK\",\"passthroughBehavior\":\""
              + passthrough
              + "\","
              + "\"requestTemplates\":{\"application/json\":\"{\\\"statusCode\\\":200}\"}}");
      cp.call(201, "PUT", m + "/responses/200", "{}");
      cp.call(
          201,
          "PUT",
          m + "/integration/responses/200",
          "{\"responseTemplates\":{\"application/json\":"
              + Documents.write("{\"statusCode\": 200, \"id\": $input.params().path.id}")
              + "}}");
      cp.deploy(apiId, "test");
      snapshot =
          new SnapshotCompiler(
                  IntegrationFixtures.ENGINE, null, integrations, java.time.Clock.systemUTC())
              .compile(cp.store);
    }
    Exchange ex =
        TestExchanges.of(
            snapshot, apiId, "GET", "/test/42", "", "Content-Type", "application/json");
    GatewayReply r =
        PathRunner.reply(
            Stages.forRestApi(new HostClassifier(ControlPlaneDriver.REGION, "turnpike.test")), ex);
    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("{\"statusCode\": 200, \"id\": 42}");
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void invoke_mockStatusSelectsPatternResponse() {
    CompiledIntegrationResponse notFound =
        new CompiledIntegrationResponse(
            404,
            Pattern.compile("4\\d{2}"),
            Map.of("application/json", template("{\"nf\":true}")),
            Map.of("method.response.header.X-Why", "'missing'"));
    CompiledIntegration in =
        mock(
            "WHEN_NO_MATCH",
            Map.of("application/json", "{\"statusCode\":404}"),
            List.of(notFound, defaultResponse(200, "ok")));
    GatewayReply r = invoke(exchange(in, ""));
    assertThat(r.status()).isEqualTo(404);
    assertThat(body(r)).isEqualTo("{\"nf\":true}");
    assertThat(r.headers().get("X-Why")).isEqualTo("missing");
  }

  @Test
  void invoke_neverWithoutMatchingTemplate_415() {
    // Spec 6.8 / 1.4: NEVER → 415 UNSUPPORTED_MEDIA_TYPE, BadRequestException, "Unsupported Media
    // Type".
    CompiledIntegration in =
        mock(
            "NEVER",
            Map.of("application/json", "{\"statusCode\":200}"),
            List.of(defaultResponse(200, "ok")));
    GatewayReply r = invoke(exchange(in, "x", "Content-Type", "text/plain"));
    assertThat(r.status()).isEqualTo(415);
    assertThat(body(r)).isEqualTo("{\"message\":\"Unsupported Media Type\"}");
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("BadRequestException");
  }

  @Test
  void invoke_whenNoTemplatesWithTemplates_415() {
    // Spec 6.8: WHEN_NO_TEMPLATES with templates and no match → 415.
    CompiledIntegration in =
        mock(
            "WHEN_NO_TEMPLATES",
            Map.of("application/json", "{\"statusCode\":200}"),
            List.of(defaultResponse(200, "ok")));
    assertThat(invoke(exchange(in, "x", "Content-Type", "text/plain")).status()).isEqualTo(415);
  }

  @Test
  void invoke_whenNoTemplatesWithoutTemplates_passesBodyThrough() {
    // Spec 6.8: passthrough; the passed-through body is what MOCK reads its statusCode from.
    CompiledIntegration in =
        mock("WHEN_NO_TEMPLATES", Map.of(), List.of(defaultResponse(200, "ok")));
    GatewayReply r = invoke(exchange(in, "{\"statusCode\":200}", "Content-Type", "text/plain"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(body(r)).isEqualTo("ok");
  }

  @Test
  void invoke_whenNoMatchUnmappedType_passesBodyThrough() {
    CompiledIntegration in =
        mock(
            "WHEN_NO_MATCH",
            Map.of("application/json", "{\"statusCode\":500}"),
            List.of(defaultResponse(200, "ok")));
    assertThat(invoke(exchange(in, "", "Content-Type", "text/plain")).status()).isEqualTo(200);
  }

  @Test
  void invoke_noIntegrationResponseMatches_500ConfigurationError() {
    // Spec 6.8: no match and no default → 500 API configuration error.
    CompiledIntegrationResponse only2xx =
        new CompiledIntegrationResponse(200, Pattern.compile("2\\d{2}"), Map.of(), Map.of());
    CompiledIntegration in =
        mock("WHEN_NO_MATCH", Map.of("application/json", "{\"statusCode\":404}"), List.of(only2xx));
    GatewayReply r = invoke(exchange(in, ""));
    assertThat(r.status()).isEqualTo(500);
    assertThat(body(r)).isEqualTo("{\"message\": \"Internal server error\"}");
  }

  @Test
  void invoke_unparseableStatusCode_500() {
    // MockStatusCode: "Unable to parse statusCode" → 500 Internal server error (IMPL LS).
    CompiledIntegration in =
        mock(
            "WHEN_NO_MATCH",
            Map.of("application/json", "{\"statusCode\":\"abc\"}"),
            List.of(defaultResponse(200, "ok")));
    assertThat(invoke(exchange(in, "")).status()).isEqualTo(500);
  }

  @Test
  void invoke_configurationError_500WithoutRunningMock() {
    CompiledIntegration in =
        new CompiledIntegration(
            "MOCK",
            "",
            "",
            29_000,
            "WHEN_NO_MATCH",
            Map.of(),
            Map.of(),
            List.of(defaultResponse(200, "ok")),
            "template broken");
    GatewayReply r = invoke(exchange(in, ""));
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body()).hasSize(36);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
  }

  @Test
  void invoke_noIntegration_500() {
    Exchange ex = exchange(mock("WHEN_NO_MATCH", Map.of(), List.of()), "");
    ex.route =
        new dev.turnpike.routing.RouteMatch<>(
            new dev.turnpike.snapshot.CompiledMethod("POST", "/r", "NONE", false, null),
            "/r",
            "res1",
            Map.of());
    assertThat(invoke(ex).status()).isEqualTo(500);
  }

  @Test
  void invoke_unsupportedType_500() {
    CompiledIntegration in =
        integration(
            "AWS_PROXY",
            "arn:aws:apigateway:us-east-1:lambda:path/x",
            "WHEN_NO_MATCH",
            Map.of(),
            Map.of(),
            List.of());
    assertThat(invoke(exchange(in, "")).status()).isEqualTo(500);
  }

  @Test
  void invoke_mockSuccess_noTraceIdHeader() {
    // C08 (LS test_invocation_trace_id, normal-req-headers-MOCK): no X-Amzn-Trace-Id on MOCK
    // success.
    CompiledIntegration in =
        mock(
            "WHEN_NO_MATCH",
            Map.of("application/json", "{\"statusCode\":200}"),
            List.of(defaultResponse(200, "ok")));
    assertThat(invoke(exchange(in, "")).headers().contains("X-Amzn-Trace-Id")).isFalse();
  }
}
