package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.RestApiFixture;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19's HTTP APIs end to end: the real AWS CLI ({@code aws apigatewayv2}) configures them,
 * plain HTTP calls on the execute-api host see what AWS answers: quick create with an HTTP target
 * (integration, {@code $default} route and auto-deployed {@code $default} stage), route selection
 * (C79), 404 {@code {"message":"Not Found"}} (C80), named stages, {@code apigw-requestid} instead
 * of REST's request-id headers, path variables in the integration URI, parameter mapping, 503 on an
 * integration timeout, throttles, the control plane's v2 errors (JWT authorizers: {@link
 * HttpApiJwtIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static EchoBackend backend;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    backend = EchoBackend.start();
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (backend != null) {
      backend.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static RawHttp.Response call(String apiId, String method, String path) throws Exception {
    return Invoke.hostStyle(turnpike, apiId, method, path, null);
  }

  /** Calls until the snapshot serves what the control plane just wrote (it swaps in ms). */
  private static RawHttp.Response served(String apiId, String method, String path, int status)
      throws Exception {
    return Poll.until(
        Duration.ofSeconds(10), () -> call(apiId, method, path), r -> r.status() == status);
  }

  private static String integration(String apiId, String uri, String... more) throws Exception {
    String[] base = {
      "create-integration",
      "--api-id",
      apiId,
      "--integration-type",
      "HTTP_PROXY",
      "--integration-method",
      "ANY",
      "--integration-uri",
      uri,
      "--payload-format-version",
      "1.0"
    };
    String[] args = new String[base.length + more.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return aws.v2(args).get("IntegrationId").asText();
  }

  private static void route(String apiId, String key, String integrationId) throws Exception {
    aws.v2(
        "create-route",
        "--api-id",
        apiId,
        "--route-key",
        key,
        "--target",
        "integrations/" + integrationId);
  }

  private static String newApi(String name) throws Exception {
    String id =
        aws.v2("create-api", "--name", name, "--protocol-type", "HTTP").get("ApiId").asText();
    aws.v2("create-stage", "--api-id", id, "--stage-name", "$default", "--auto-deploy");
    return id;
  }

  @Test
  @Order(1)
  void quickCreate_servesTheTargetAtTheDefaultStage() throws Exception {
    JsonNode api =
        aws.v2(
            "create-api",
            "--name",
            "quick",
            "--protocol-type",
            "HTTP",
            "--target",
            backend.url("/quick"));
    String id = api.get("ApiId").asText();
    assertThat(id).matches("[a-z0-9]{10}");
    assertThat(api.get("ProtocolType").asText()).isEqualTo("HTTP");
    assertThat(api.get("RouteSelectionExpression").asText())
        .isEqualTo("$request.method $request.path");
    assertThat(api.get("ApiKeySelectionExpression").asText())
        .isEqualTo("$request.header.x-api-key");
    assertThat(api.get("ApiEndpoint").asText())
        .isEqualTo("https://" + id + ".execute-api.us-east-1.localhost");
    assertThat(api.get("CreatedDate").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");

    JsonNode routes = aws.v2("get-routes", "--api-id", id).get("Items");
    assertThat(routes).hasSize(1);
    assertThat(routes.get(0).get("RouteKey").asText()).isEqualTo("$default");
    assertThat(routes.get(0).get("ApiGatewayManaged").asBoolean()).isTrue();
    assertThat(routes.get(0).get("AuthorizationType").asText()).isEqualTo("NONE");
    String target = routes.get(0).get("Target").asText();
    JsonNode in =
        aws.v2(
            "get-integration",
            "--api-id",
            id,
            "--integration-id",
            target.substring("integrations/".length()));
    assertThat(in.get("IntegrationType").asText()).isEqualTo("HTTP_PROXY");
    assertThat(in.get("IntegrationMethod").asText()).isEqualTo("ANY");
    assertThat(in.get("TimeoutInMillis").asInt()).isEqualTo(30000);
    assertThat(in.get("PayloadFormatVersion").asText()).isEqualTo("1.0");
    JsonNode stage = aws.v2("get-stage", "--api-id", id, "--stage-name", "$default");
    assertThat(stage.get("AutoDeploy").asBoolean()).isTrue();
    assertThat(stage.get("DeploymentId").asText()).isNotEmpty();

    RawHttp.Response r = served(id, "GET", "/anything/here?a=1&b=two", 200);
    assertThat(r.status()).isEqualTo(200);
    // The integration URI is called as it is; the client's query is forwarded.
    assertThat(backend.last().path()).isEqualTo("/quick");
    assertThat(backend.last().query()).isEqualTo("a=1&b=two");
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
    assertThat(r.header("x-amzn-RequestId")).isNull();
    assertThat(r.header("x-amz-apigw-id")).isNull();
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(AwsCli.JSON.readTree(r.bodyText()).get("method").asText()).isEqualTo("GET");
  }

  @Test
  @Order(2)
  void routeSelection_followsTheDocumentedOrder() throws Exception { // C79
    String id = newApi("routes");
    String[] keys = {
      "GET /pets/dog/1", "GET /pets/dog/{id}", "GET /pets/{proxy+}", "ANY /{proxy+}", "$default"
    };
    for (int i = 0; i < keys.length; i++) {
      route(id, keys[i], integration(id, backend.url("/r" + (i + 1))));
    }
    served(id, "GET", "/pets/dog/1", 200);
    String[][] cases = {
      {"GET", "/pets/dog/1", "/r1"},
      {"GET", "/pets/dog/2", "/r2"},
      {"GET", "/pets/cat/1", "/r3"},
      {"POST", "/test/5", "/r4"},
      {"GET", "/", "/r5"},
    };
    for (String[] c : cases) {
      RawHttp.Response r =
          Invoke.hostStyle(turnpike, id, c[0], c[1], c[0].equals("POST") ? "" : null);
      assertThat(r.status()).as(c[0] + " " + c[1]).isEqualTo(200);
      assertThat(backend.last().path()).as(c[0] + " " + c[1]).isEqualTo(c[2]);
      assertThat(backend.last().method()).isEqualTo(c[0]);
    }
    // get-routes lists them all, route keys as created.
    assertThat(aws.v2("get-routes", "--api-id", id).get("Items")).hasSize(5);
  }

  @Test
  @Order(3)
  void noRoute_is404NotFound_withApigwRequestId() throws Exception { // C80
    String id = newApi("one-route");
    route(id, "GET /a", integration(id, backend.url("/a")));
    served(id, "GET", "/a", 200);
    RawHttp.Response r = call(id, "GET", "/b");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    assertThat(r.header("Content-Length")).isEqualTo("23");
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
    assertThat(r.header("x-amzn-RequestId")).isNull();
    assertThat(r.header("x-amzn-ErrorType")).isNull();
    assertThat(call(id, "POST", "/a").status()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void namedStage_servesUnderItsNameAfterADeployment() throws Exception {
    String id =
        aws.v2("create-api", "--name", "staged", "--protocol-type", "HTTP").get("ApiId").asText();
    route(id, "GET /items/{itemId}", integration(id, backend.url("/store/items/{itemId}")));
    aws.v2("create-stage", "--api-id", id, "--stage-name", "prod");
    // Not deployed yet: nothing serves.
    assertThat(call(id, "GET", "/prod/items/42").status()).isEqualTo(404);
    JsonNode dep =
        aws.v2("create-deployment", "--api-id", id, "--stage-name", "prod", "--description", "v1");
    assertThat(dep.get("DeploymentStatus").asText()).isEqualTo("DEPLOYED");
    assertThat(
            aws.v2("get-stage", "--api-id", id, "--stage-name", "prod")
                .get("DeploymentId")
                .asText())
        .isEqualTo(dep.get("DeploymentId").asText());
    RawHttp.Response r = served(id, "GET", "/prod/items/42", 200);
    assertThat(r.status()).isEqualTo(200);
    assertThat(backend.last().path()).isEqualTo("/store/items/42");
    // No $default stage: a path that names no stage is 404.
    assertThat(call(id, "GET", "/items/42").status()).isEqualTo(404);
    // A route added later is not served until the next deployment (no autoDeploy).
    route(id, "GET /later", integration(id, backend.url("/later")));
    Thread.sleep(300);
    assertThat(call(id, "GET", "/prod/later").status()).isEqualTo(404);
    aws.v2("create-deployment", "--api-id", id, "--stage-name", "prod");
    assertThat(served(id, "GET", "/prod/later", 200).status()).isEqualTo(200);
  }

  @Test
  @Order(5)
  void parameterMapping_rewritesPathHeadersAndQuery() throws Exception {
    String id = newApi("mapped");
    String in =
        integration(
            id,
            backend.url("/base"),
            "--request-parameters",
            "{\"overwrite:path\":\"$request.path\",\"append:header.x-extra\":\"static-value\","
                + "\"overwrite:querystring.q\":\"$request.header.x-q\","
                + "\"remove:header.x-secret\":\"''\"}",
            "--response-parameters",
            "{\"200\":{\"append:header.x-mapped\":\"$context.routeKey\"}}");
    route(id, "ANY /{proxy+}", in);
    served(id, "GET", "/warm", 200);
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike, id, "GET", "/some/path?q=old&k=v", null, "x-q", "new", "x-secret", "s");
    assertThat(r.status()).isEqualTo(200);
    EchoBackend.Received got = backend.last();
    assertThat(got.path()).isEqualTo("/some/path");
    assertThat(got.query()).isEqualTo("k=v&q=new");
    assertThat(got.header("x-extra")).isEqualTo("static-value");
    assertThat(got.header("x-secret")).isNull();
    assertThat(r.header("x-mapped")).isEqualTo("ANY /{proxy+}");
  }

  @Test
  @Order(6)
  void integrationTimeout_is503() throws Exception {
    String id = newApi("slow");
    route(
        id, "GET /slow", integration(id, backend.url("/sleep/3000"), "--timeout-in-millis", "500"));
    RawHttp.Response r = served(id, "GET", "/slow", 503);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Service Unavailable\"}");
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
  }

  @Test
  @Order(7)
  void routeThrottle_answers429() throws Exception {
    String id =
        aws.v2("create-api", "--name", "throttled", "--protocol-type", "HTTP")
            .get("ApiId")
            .asText();
    route(id, "GET /t", integration(id, backend.url("/t")));
    aws.v2(
        "create-stage",
        "--api-id",
        id,
        "--stage-name",
        "$default",
        "--auto-deploy",
        "--route-settings",
        "{\"GET /t\":{\"ThrottlingBurstLimit\":1,\"ThrottlingRateLimit\":0.01}}");
    served(id, "GET", "/t", 200);
    RawHttp.Response r = call(id, "GET", "/t");
    assertThat(r.status()).isEqualTo(429);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Too Many Requests\"}");
  }

  @Test
  @Order(9)
  void controlPlaneErrors_areV2Shaped() throws Exception {
    AwsCli.Result missing = aws.runService("apigatewayv2", "get-api", "--api-id", "nosuchapi1");
    assertThat(missing.exitCode()).isNotZero();
    assertThat(missing.stderr()).contains("NotFoundException").contains("nosuchapi1");
    String id = newApi("errors");
    AwsCli.Result badKey =
        aws.runService("apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET pets");
    assertThat(badKey.stderr()).contains("BadRequestException").contains("Invalid route key");
    aws.v2("create-route", "--api-id", id, "--route-key", "GET /pets");
    AwsCli.Result dup =
        aws.runService("apigatewayv2", "create-route", "--api-id", id, "--route-key", "GET /pets");
    assertThat(dup.stderr()).contains("ConflictException");
    AwsCli.Result timeout =
        aws.runService(
            "apigatewayv2",
            "create-integration",
            "--api-id",
            id,
            "--integration-type",
            "HTTP_PROXY",
            "--integration-method",
            "GET",
            "--integration-uri",
            backend.url("/x"),
            "--timeout-in-millis",
            "40000");
    assertThat(timeout.stderr()).contains("BadRequestException").contains("timeoutInMillis");
  }

  @Test
  @Order(10)
  void updateTagAndDelete() throws Exception {
    String id = newApi("lifecycle");
    route(id, "GET /x", integration(id, backend.url("/x")));
    served(id, "GET", "/x", 200);
    JsonNode updated =
        aws.v2("update-api", "--api-id", id, "--name", "renamed", "--description", "d");
    assertThat(updated.get("Name").asText()).isEqualTo("renamed");
    assertThat(aws.v2("get-apis").get("Items").findValuesAsText("Name")).contains("renamed");
    String arn = "arn:aws:apigateway:us-east-1::/apis/" + id;
    aws.v2("tag-resource", "--resource-arn", arn, "--tags", "team=core");
    assertThat(aws.v2("get-tags", "--resource-arn", arn).get("Tags").get("team").asText())
        .isEqualTo("core");
    // disableExecuteApiEndpoint redeploys (auto) and the host answers 404 (KC-disable).
    aws.v2("update-api", "--api-id", id, "--disable-execute-api-endpoint");
    assertThat(served(id, "GET", "/x", 404).bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
    aws.v2("delete-api", "--api-id", id);
    assertThat(aws.runService("apigatewayv2", "get-api", "--api-id", id).stderr())
        .contains("NotFoundException");
  }

  @Test
  @Order(11)
  void customDomain_servesHttpAndRestApisThroughApiMappings() throws Exception {
    String domain = "shop.example.com";
    String id =
        aws.v2("create-api", "--name", "mapped-http", "--protocol-type", "HTTP")
            .get("ApiId")
            .asText();
    route(id, "GET /items/{itemId}", integration(id, backend.url("/d/items/{itemId}")));
    aws.v2("create-stage", "--api-id", id, "--stage-name", "live", "--auto-deploy");
    String rest;
    try (software.amazon.awssdk.services.apigateway.ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      rest =
          RestApiFixture.create(sdk, "mapped-rest")
              .mock("GET", "/", "{\"api\": \"rest\"}")
              .deploy("prod");
    }
    String cert =
        aws.acm("request-certificate", "--domain-name", domain, "--validation-method", "DNS")
            .get("CertificateArn")
            .asText();
    aws.v2(
        "create-domain-name",
        "--domain-name",
        domain,
        "--domain-name-configurations",
        "CertificateArn=" + cert + ",EndpointType=REGIONAL,SecurityPolicy=TLS_1_2");
    aws.v2(
        "create-api-mapping",
        "--domain-name",
        domain,
        "--api-mapping-key",
        "orders/v2",
        "--api-id",
        id,
        "--stage",
        "live");
    aws.v2(
        "create-api-mapping",
        "--domain-name",
        domain,
        "--api-mapping-key",
        "rest",
        "--api-id",
        rest,
        "--stage",
        "prod");
    javax.net.ssl.SSLContext trust = Tls.trusting(turnpike.endpoints().caFile());
    Poll.Probe<RawHttp.Response> items =
        () -> {
          try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trust, domain)) {
            c.send(RawHttp.request("GET", "/orders/v2/items/7", domain, null));
            return c.read();
          }
        };
    RawHttp.Response r = Poll.until(Duration.ofSeconds(10), items, x -> x.status() == 200);
    assertThat(r.status()).isEqualTo(200);
    assertThat(backend.last().path()).isEqualTo("/d/items/7");
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trust, domain)) {
      c.send(RawHttp.request("GET", "/rest", domain, null));
      RawHttp.Response restReply = c.read();
      assertThat(restReply.status()).isEqualTo(200);
      assertThat(restReply.bodyText()).isEqualTo("{\"api\": \"rest\"}");
      assertThat(restReply.header("x-amzn-RequestId")).matches(Invoke.UUID_V4);
      assertThat(restReply.header("apigw-requestid")).isNull();
    }
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trust, domain)) {
      c.send(RawHttp.request("GET", "/orders/v2/nope", domain, null));
      RawHttp.Response missing = c.read();
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.bodyText()).isEqualTo("{\"message\":\"Not Found\"}");
    }
  }

  @Test
  @Order(12)
  void awsIamRoute_needsABotocoreSignature() throws Exception {
    String id = newApi("iam");
    aws.v2(
        "create-route",
        "--api-id",
        id,
        "--route-key",
        "GET /signed",
        "--authorization-type",
        "AWS_IAM",
        "--target",
        "integrations/" + integration(id, backend.url("/signed")));
    RawHttp.Response unsigned = served(id, "GET", "/signed", 403);
    assertThat(unsigned.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    TurnpikeProcess.Credentials admin = turnpike.credentials();
    Botocore botocore = new Botocore(java.nio.file.Files.createDirectories(tmp.resolve("py")));
    Botocore.Reply signed =
        botocore.send(
            turnpike.httpPort(),
            Invoke.host(id, turnpike.httpPort()),
            "GET",
            "/signed",
            admin.accessKeyId(),
            admin.secretAccessKey(),
            null,
            0,
            false);
    assertThat(signed.status()).isEqualTo(200);
    assertThat(backend.last().path()).isEqualTo("/signed");
    Botocore.Reply wrong =
        botocore.send(
            turnpike.httpPort(),
            Invoke.host(id, turnpike.httpPort()),
            "GET",
            "/signed",
            admin.accessKeyId(),
            "not-the-secret",
            null,
            0,
            false);
    assertThat(wrong.status()).isEqualTo(403);
  }
}
