package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * HTTP and HTTP_PROXY integrations against real backends that are slow, absent, failing or garbled
 * (spec 6.9, 7.3).
 */
class IntegrationErrorsIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static EchoBackend backend;
  static ServerSocket garbler;
  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;
  static String apiId;
  static String rootId;

  @BeforeAll
  static void configure() throws Exception {
    backend = EchoBackend.start();
    garbler = startGarbler();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    sdk = Sdk.connect(turnpike);
    var api = sdk.createRestApi(r -> r.name("integration-errors"));
    apiId = api.id();
    rootId = api.rootResourceId();

    proxy("slow", backend.url("/sleep/1000"), 200);
    proxy("closed", "http://127.0.0.1:" + closedPort() + "/nobody", null);
    proxy("garbled", "http://127.0.0.1:" + garbler.getLocalPort() + "/x", null);
    proxy("staged", "http://${stageVariables.backend}/staged/{proxy}", null);

    String plain = resource(rootId, "plain");
    method(plain, "GET");
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(plain)
                .httpMethod("GET")
                .type(IntegrationType.HTTP)
                .integrationHttpMethod("GET")
                .uri(backend.url("/status/400/plain")));
    response(plain, "200", null, null);

    String mapped = resource(rootId, "mapped");
    method(mapped, "GET");
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(mapped)
                .httpMethod("GET")
                .type(IntegrationType.HTTP)
                .integrationHttpMethod("GET")
                .uri(backend.url("/status/404/mapped")));
    response(mapped, "200", null, null);
    response(mapped, "422", "4\\d{2}", "{\"mapped\": true}");

    String badMapping = resource(rootId, "bad-mapping");
    method(badMapping, "GET");
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(badMapping)
                .httpMethod("GET")
                .type(IntegrationType.HTTP)
                .integrationHttpMethod("GET")
                .uri(backend.url("/never"))
                .requestParameters(Map.of("integration.request.header.Content-Length", "'5'")));
    response(badMapping, "200", null, null);

    sdk.createDeployment(
        r ->
            r.restApiId(apiId)
                .stageName("test")
                .variables(Map.of("backend", "127.0.0.1:" + backend.port())));
  }

  private static String resource(String parent, String part) {
    return sdk.createResource(r -> r.restApiId(apiId).parentId(parent).pathPart(part)).id();
  }

  private static void method(String resource, String httpMethod) {
    sdk.putMethod(
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod(httpMethod)
                .authorizationType("NONE"));
  }

  /** {@code /<part>/{proxy+}} ANY → HTTP_PROXY {@code uri}. */
  private static void proxy(String part, String uri, Integer timeoutMillis) {
    String top = resource(rootId, part);
    method(top, "ANY");
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(top)
                .httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY")
                .uri(uri.replace("/{proxy}", ""))
                .timeoutInMillis(timeoutMillis));
    String greedy = resource(top, "{proxy+}");
    method(greedy, "ANY");
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(greedy)
                .httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY")
                .uri(uri)
                .timeoutInMillis(timeoutMillis)
                .requestParameters(
                    Map.of("integration.request.path.proxy", "method.request.path.proxy")));
  }

  private static void response(String resource, String status, String pattern, String template) {
    sdk.putMethodResponse(
        r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode(status));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod("GET")
                .statusCode(status)
                .selectionPattern(pattern)
                .responseTemplates(template == null ? null : Map.of("application/json", template)));
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A backend that answers every connection with bytes that are not HTTP, then closes. */
  private static ServerSocket startGarbler() throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread t =
        new Thread(
            () -> {
              while (!s.isClosed()) {
                try (Socket c = s.accept()) {
                  c.getInputStream().read(new byte[4096]);
                  OutputStream out = c.getOutputStream();
                  out.write(
                      "SPLAT \u0000\u0001 not http at all\r\n\r\n"
                          .getBytes(StandardCharsets.ISO_8859_1));
                  out.flush();
                } catch (IOException e) {
                  // closed at teardown, or the gateway hung up first
                }
              }
            },
            "garbler");
    t.setDaemon(true);
    t.start();
    return s;
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (sdk != null) {
      sdk.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
    if (backend != null) {
      backend.close();
    }
    if (garbler != null) {
      garbler.close();
    }
  }

  @Test
  void httpProxy_backendSlowerThanTimeout_returns504EndpointRequestTimedOut() throws Exception {
    long start = System.nanoTime();
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/slow", null);
    long millis = (System.nanoTime() - start) / 1_000_000;

    // spec 1.3 / 6.9: 504, exactly {"message": "Endpoint request timed out"} (41 bytes, space after
    // the colon)
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    assertThat(r.body()).hasSize(41);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    // spec 1.2: X-Amzn-Trace-Id on 5xx errors
    assertThat(r.header("X-Amzn-Trace-Id")).startsWith("Root=1-");
    assertThat(millis)
        .as("answered at the 200 ms timeout, not after the backend's 1 s")
        .isLessThan(900);
  }

  @Test
  void httpProxy_backendPortClosed_returns500InternalServerError() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/closed", null);

    // spec 1.3 / 6.9: unreachable HTTP backend → 500 {"message": "Internal server error"} (36
    // bytes)
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(r.body()).hasSize(36);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void httpProxy_backendAnswersGarbage_returns500InternalServerError() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/garbled", null);

    // spec 6.9: a backend the gateway cannot talk to → 500 {"message": "Internal server error"}
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
  }

  @Test
  void httpProxy_stageVariableInUri_substitutedPerStage() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/staged/a/b?c=d", null);

    // spec 6.10: ${stageVariables.x} in an HTTP URI (host and port here)
    assertThat(r.status()).isEqualTo(200);
    JsonNode seen = AwsCli.JSON.readTree(r.body());
    assertThat(seen.get("path").asText()).isEqualTo("/staged/a/b");
    assertThat(seen.get("query").asText()).isEqualTo("c=d");
  }

  @Test
  void http_defaultIntegrationResponse_backend400BecomesClient200WithBackendBody()
      throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/plain", null);

    // C33: HTTP (non-proxy) with one default integration response → 200 with the backend body
    assertThat(r.status()).isEqualTo(200);
    assertThat(AwsCli.JSON.readTree(r.body()).get("path").asText()).isEqualTo("/status/400/plain");
  }

  @Test
  void http_noParameterMappings_backendSeesOnlyGatewayHeaders() throws Exception {
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike,
            apiId,
            "GET",
            "/test/plain",
            null,
            "X-Client-Only",
            "not forwarded",
            "User-Agent",
            "test-client/1.0");

    assertThat(r.status()).isEqualTo(200);
    JsonNode headers = AwsCli.JSON.readTree(r.body()).get("headers");
    TreeSet<String> names = new TreeSet<>();
    headers.fieldNames().forEachRemaining(names::add);
    // C34: only Accept, Content-Length, Host, User-Agent, X-Amzn-Apigateway-Api-Id, X-Amzn-Trace-Id
    assertThat(names)
        .containsExactly(
            "accept",
            "content-length",
            "host",
            "user-agent",
            "x-amzn-apigateway-api-id",
            "x-amzn-trace-id");
    assertThat(headers.get("accept").get(0).asText()).isEqualTo("application/json");
    assertThat(headers.get("content-length").get(0).asText()).isEqualTo("0");
    assertThat(headers.get("user-agent").get(0).asText()).isEqualTo("AmazonAPIGateway_" + apiId);
    assertThat(headers.get("x-amzn-apigateway-api-id").get(0).asText()).isEqualTo(apiId);
  }

  @Test
  void http_selectionPatternMatchesBackendStatus_mappedStatusAndTemplate() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/mapped", null);

    // spec 6.8: selectionPattern is a whole-string regex on the backend status; the pattern wins
    // over the default
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyText()).isEqualTo("{\"mapped\": true}");
  }

  @Test
  void http_contentLengthMappedAsRequestParameter_returns500WithoutTraceId() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/bad-mapping", null);

    // C36
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(r.body()).hasSize(36);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
    assertThat(r.header("X-Amzn-Trace-Id")).isNull();
  }

  @Test
  void httpProxy_afterTimeoutAndFailures_sameConnectionKeepsServing() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      String host = Invoke.host(apiId, turnpike.httpPort());
      c.send(RawHttp.request("GET", "/test/slow", host, null));
      assertThat(c.read().status()).isEqualTo(504);
      c.send(RawHttp.request("GET", "/test/closed", host, null));
      assertThat(c.read().status()).isEqualTo(500);
      c.send(RawHttp.request("GET", "/test/staged/ok", host, null));
      RawHttp.Response ok = c.read();
      assertThat(ok.status()).isEqualTo(200);
      assertThat(AwsCli.JSON.readTree(ok.body()).get("path").asText()).isEqualTo("/staged/ok");
    }
  }
}
