package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README flow with the real AWS CLI: a REST API with a greedy HTTP_PROXY resource to a real
 * backend and a MOCK method, deployed to a stage, then called in both addressing forms; plus a
 * second API without a greedy resource for the routing-miss envelope (spec 7.1, 7.3).
 */
class WalkthroughIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static EchoBackend backend;
  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String petsApi;
  static String plainApi;

  @BeforeAll
  static void configure() throws Exception {
    backend = EchoBackend.start();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);

    petsApi = aws.json("create-rest-api", "--name", "pets").get("id").asText();
    JsonNode resources = aws.json("get-resources", "--rest-api-id", petsApi);
    assertThat(resources.get("items")).hasSize(1);
    String root = resources.get("items").get(0).get("id").asText();
    String proxy =
        aws.json(
                "create-resource",
                "--rest-api-id",
                petsApi,
                "--parent-id",
                root,
                "--path-part",
                "{proxy+}")
            .get("id")
            .asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        petsApi,
        "--resource-id",
        proxy,
        "--http-method",
        "ANY",
        "--authorization-type",
        "NONE",
        "--request-parameters",
        "method.request.path.proxy=true");
    aws.json(
        "put-integration",
        "--rest-api-id",
        petsApi,
        "--resource-id",
        proxy,
        "--http-method",
        "ANY",
        "--type",
        "HTTP_PROXY",
        "--integration-http-method",
        "ANY",
        "--uri",
        backend.url("/{proxy}"),
        "--request-parameters",
        "integration.request.path.proxy=method.request.path.proxy");
    String pets =
        aws.json(
                "create-resource",
                "--rest-api-id",
                petsApi,
                "--parent-id",
                root,
                "--path-part",
                "pets")
            .get("id")
            .asText();
    String petId =
        aws.json(
                "create-resource",
                "--rest-api-id",
                petsApi,
                "--parent-id",
                pets,
                "--path-part",
                "{id}")
            .get("id")
            .asText();
    mockMethod(petsApi, petId, "{\"statusCode\": 200, \"id\": $input.params().path.id}");
    aws.json("create-deployment", "--rest-api-id", petsApi, "--stage-name", "prod");

    JsonNode plain = aws.json("create-rest-api", "--name", "plain");
    plainApi = plain.get("id").asText();
    String existing =
        aws.json(
                "create-resource",
                "--rest-api-id",
                plainApi,
                "--parent-id",
                plain.get("rootResourceId").asText(),
                "--path-part",
                "existing")
            .get("id")
            .asText();
    mockMethod(plainApi, existing, "{\"statusCode\":200,\"message\":\"exists\"}");
    aws.json("create-deployment", "--rest-api-id", plainApi, "--stage-name", "dev");
  }

  /** GET on the resource → MOCK answering 200 with {@code responseTemplate}. */
  private static void mockMethod(String api, String resource, String responseTemplate)
      throws Exception {
    aws.json(
        "put-method",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        "GET",
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        "GET",
        "--type",
        "MOCK",
        "--request-templates",
        "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");
    aws.json(
        "put-method-response",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        "GET",
        "--status-code",
        "200");
    aws.json(
        "put-integration-response",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        "GET",
        "--status-code",
        "200",
        "--response-templates",
        AwsCli.JSON.writeValueAsString(java.util.Map.of("application/json", responseTemplate)));
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void proxyGet_pathStyle_backendSeesMethodPathAndQuery() throws Exception {
    HttpResponse<String> r =
        Invoke.send(
            HttpRequest.newBuilder(
                    Invoke.pathStyle(turnpike, petsApi, "prod", "/toys/7?color=red&size=2"))
                .GET()
                .build());

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode seen = AwsCli.JSON.readTree(r.body());
    assertThat(seen.get("method").asText()).isEqualTo("GET");
    assertThat(seen.get("path").asText()).isEqualTo("/toys/7");
    assertThat(seen.get("query").asText()).isEqualTo("color=red&size=2");
  }

  @Test
  void proxyPost_hostStyle_backendSeesMethodPathAndBody() throws Exception {
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike,
            petsApi,
            "POST",
            "/prod/orders/9?express=true",
            "{\"qty\":3}",
            "Content-Type",
            "application/json",
            "X-Custom",
            "kept");

    assertThat(r.status()).isEqualTo(200);
    EchoBackend.Received seen = backend.last();
    assertThat(seen.method()).isEqualTo("POST");
    assertThat(seen.path()).isEqualTo("/orders/9");
    assertThat(seen.query()).isEqualTo("express=true");
    assertThat(seen.body()).isEqualTo("{\"qty\":3}");
    assertThat(seen.header("X-Custom")).isEqualTo("kept");
    // spec 6.7: API id and trace id added; Host is the backend's
    assertThat(seen.header("X-Amzn-Apigateway-Api-Id")).isEqualTo(petsApi);
    assertThat(seen.header("X-Amzn-Trace-Id")).startsWith("Root=1-");
    assertThat(seen.header("Host")).isEqualTo("127.0.0.1:" + backend.port());
    assertThat(AwsCli.JSON.readTree(r.body()).get("body").asText()).isEqualTo("{\"qty\":3}");
  }

  @Test
  void proxy_backendAnswers400_clientGets400WithBackendBody() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, petsApi, "GET", "/prod/status/400", null);

    // C32: HTTP_PROXY passes the backend status and body through
    assertThat(r.status()).isEqualTo(400);
    assertThat(AwsCli.JSON.readTree(r.body()).get("path").asText()).isEqualTo("/status/400");
  }

  @Test
  void proxy_backendResponseHeaders_remappedWhereGatewaySetsItsOwn() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, petsApi, "GET", "/prod/headers", null);

    assertThat(r.status()).isEqualTo(200);
    // C35: backend Connection/Content-Length/Date/Server come back renamed, beside the gateway's
    // own
    assertThat(r.header("x-amzn-Remapped-Server")).isEqualTo(EchoBackend.SERVER);
    assertThat(r.header("x-amzn-Remapped-Connection")).isEqualTo("keep-alive");
    assertThat(r.header("x-amzn-Remapped-Content-Length"))
        .isEqualTo(Integer.toString(r.body().length));
    assertThat(r.header("x-amzn-Remapped-Date")).isNotBlank();
    assertThat(r.header("Date")).isNotBlank();
    assertThat(r.header("Content-Length")).isEqualTo(Integer.toString(r.body().length));
    assertThat(r.header("Server")).isNull();
    // C37: the backend's x-amzn-RequestId is remapped; the client gets the gateway's own
    assertThat(r.header("x-amzn-Remapped-x-amzn-RequestId"))
        .isEqualTo(EchoBackend.BACKEND_REQUEST_ID);
    assertThat(r.header("x-amzn-RequestId"))
        .matches(Invoke.UUID_V4)
        .isNotEqualTo(EchoBackend.BACKEND_REQUEST_ID);
    // spec 6.7: other headers pass
    assertThat(r.header("X-Backend")).isEqualTo("echo");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    // spec 1.2: no X-Amzn-Trace-Id on HTTP_PROXY success
    assertThat(r.header("X-Amzn-Trace-Id")).isNull();
  }

  @Test
  void literalBeforeGreedy_deeperPathUnderLiteral_fallsBackToGreedy() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, petsApi, "GET", "/prod/pets/42/toys", null);

    // spec 6.2: /pets/{id} has no child "toys", so /{proxy+} serves it
    assertThat(r.status()).isEqualTo(200);
    assertThat(AwsCli.JSON.readTree(r.body()).get("path").asText()).isEqualTo("/pets/42/toys");
  }

  @Test
  void mock_hostStyle_rendersResponseTemplate() throws Exception {
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike, petsApi, "GET", "/prod/pets/42", null, "Content-Type", "application/json");

    // C07: the rendered template, byte for byte
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"statusCode\": 200, \"id\": 42}");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    // C08: request ids present, no trace id on MOCK
    assertThat(r.header("x-amzn-RequestId")).matches(Invoke.UUID_V4);
    assertThat(r.header("x-amz-apigw-id")).matches(Invoke.APIGW_ID);
    assertThat(r.header("X-Amzn-Trace-Id")).isNull();
  }

  @Test
  void mock_pathStyle_rendersResponseTemplate() throws Exception {
    HttpResponse<String> r =
        Invoke.send(
            HttpRequest.newBuilder(Invoke.pathStyle(turnpike, petsApi, "prod", "/pets/7"))
                .GET()
                .build());

    // C07
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"statusCode\": 200, \"id\": 7}");
  }

  @Test
  void mock_existingRoute_returnsTemplateAndRequestIds() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, plainApi, "GET", "/dev/existing", null);

    // C01
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"statusCode\":200,\"message\":\"exists\"}");
    assertThat(r.header("x-amzn-RequestId")).matches(Invoke.UUID_V4);
    assertThat(r.header("x-amz-apigw-id")).matches(Invoke.APIGW_ID);
  }

  @Test
  void unknownResource_noGreedy_returnsMissingAuthenticationToken() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, plainApi, "GET", "/dev/nope", null);

    assertMissingAuthenticationToken(r);
  }

  @Test
  void unknownResource_pathStyle_returnsMissingAuthenticationToken() throws Exception {
    HttpResponse<String> r =
        Invoke.send(
            HttpRequest.newBuilder(
                    Invoke.pathStyle(turnpike, plainApi, "dev", "/random-non-existing"))
                .GET()
                .build());

    // C02
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("MissingAuthenticationTokenException");
  }

  @Test
  void wrongMethod_onExistingResource_returnsMissingAuthenticationTokenNot405() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, plainApi, "POST", "/dev/existing", "{}");

    // C03: identical to C02
    assertMissingAuthenticationToken(r);
  }

  private static void assertMissingAuthenticationToken(RawHttp.Response r) {
    // C02: 403, exact 42-byte body, error type, JSON content type
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(r.body()).hasSize(42);
    assertThat(r.header("Content-Length")).isEqualTo("42");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("x-amzn-RequestId")).matches(Invoke.UUID_V4);
    assertThat(r.header("x-amz-apigw-id")).matches(Invoke.APIGW_ID);
  }

  @Test
  void unknownStage_hostStyle_returnsForbidden() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, plainApi, "GET", "/nostage/existing", null);

    assertForbidden(r);
  }

  @Test
  void rootPath_hostStyle_returnsForbidden() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, plainApi, "GET", "/", null);

    assertForbidden(r);
  }

  @Test
  void wrongCaseStage_hostStyle_returnsForbidden() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, plainApi, "GET", "/DEV/existing", null);

    // spec 1.1/1.5: stage names are case-sensitive; a wrong-case stage is an unknown stage
    assertForbidden(r);
  }

  @Test
  void unknownStage_pathStyle_returnsForbidden() throws Exception {
    HttpResponse<String> r =
        Invoke.send(
            HttpRequest.newBuilder(Invoke.pathStyle(turnpike, plainApi, "nostage", "/existing"))
                .GET()
                .build());

    // C04
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void unknownApiId_hostStyle_returnsForbidden() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, "zzzzzzzzzz", "GET", "/dev/existing", null);

    assertForbidden(r);
  }

  private static void assertForbidden(RawHttp.Response r) {
    // C04 / spec 1.5: 403 {"message":"Forbidden"} (23 bytes)
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(r.header("Content-Length")).isEqualTo("23");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("x-amzn-RequestId")).matches(Invoke.UUID_V4);
  }

  @Test
  void requestId_clientSuppliesValidUuid_isEchoed() throws Exception {
    String mine = "3f0c1a7e-1111-4222-8333-944455556666";
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike, plainApi, "GET", "/dev/existing", null, "x-amzn-RequestId", mine);

    // C10
    assertThat(r.header("x-amzn-RequestId")).isEqualTo(mine);
  }

  @Test
  void requestId_clientSuppliesNonUuid_isReplacedWithFreshUuid() throws Exception {
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike, plainApi, "GET", "/dev/existing", null, "x-amzn-RequestId", "not-a-uuid");

    // spec 1.2: a non-UUID value is replaced (UUID_REPLACED_INVALID_REQUEST_ID)
    assertThat(r.header("x-amzn-RequestId")).matches(Invoke.UUID_V4);
  }

  @Test
  void requestIds_twoRequests_differ() throws Exception {
    RawHttp.Response a = Invoke.hostStyle(turnpike, plainApi, "GET", "/dev/existing", null);
    RawHttp.Response b = Invoke.hostStyle(turnpike, plainApi, "GET", "/dev/existing", null);

    assertThat(a.header("x-amzn-RequestId")).isNotEqualTo(b.header("x-amzn-RequestId"));
    assertThat(a.header("x-amz-apigw-id")).isNotEqualTo(b.header("x-amz-apigw-id"));
  }

  @Test
  void apigwId_clientSuppliesOne_isNotOverridden() throws Exception {
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike, plainApi, "GET", "/dev/existing", null, "x-amz-apigw-id", "AAAAAAAAAAAAAAA=");

    // spec 1.2: x-amz-apigw-id is not client-overridable
    assertThat(r.header("x-amz-apigw-id"))
        .matches(Invoke.APIGW_ID)
        .isNotEqualTo("AAAAAAAAAAAAAAA=");
  }

  @Test
  void head_missingRoute_sameStatusAndHeadersEmptyBody() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(
          RawHttp.request("HEAD", "/dev/nope", Invoke.host(plainApi, turnpike.httpPort()), null));
      RawHttp.Response r = c.read(true);
      // spec 1.3: HEAD gets the 403's status and headers, no body (Content-Length: 0 in the
      // capture)
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("Content-Length")).isEqualTo("0");
      // nothing follows the head on the connection: the next response starts right away
      c.send(
          RawHttp.request(
              "GET", "/dev/existing", Invoke.host(plainApi, turnpike.httpPort()), null));
      RawHttp.Response next = c.read();
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.bodyText()).isEqualTo("{\"statusCode\":200,\"message\":\"exists\"}");
    }
  }

  @Test
  void doubleAndTrailingSlashes_routeAsTheCleanPath() throws Exception {
    // spec 6.2: //stage/x and /stage//x route as /stage/x; a trailing slash is ignored for matching
    for (String path : List.of("//dev/existing", "/dev//existing", "/dev/existing/")) {
      RawHttp.Response r = Invoke.hostStyle(turnpike, plainApi, "GET", path, null);
      assertThat(r.status()).as(path).isEqualTo(200);
      assertThat(r.bodyText()).as(path).isEqualTo("{\"statusCode\":200,\"message\":\"exists\"}");
    }
  }

  @Test
  void methodOverrideHeader_postWithOverrideGet_routedAsGet() throws Exception {
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike, plainApi, "POST", "/dev/existing", "{}", "X-HTTP-Method-Override", "GET");

    // spec 6.2 (AWS known issues): X-HTTP-Method-Override changes the method used for routing
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void headOnGetOnlyResource_doesNotFallBackToGet() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(
          RawHttp.request(
              "HEAD", "/dev/existing", Invoke.host(plainApi, turnpike.httpPort()), null));
      // spec 6.2: HEAD does not fall back to GET
      assertThat(c.read(true).status()).isEqualTo(403);
    }
  }
}
