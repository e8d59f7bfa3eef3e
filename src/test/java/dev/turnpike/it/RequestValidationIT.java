package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request validators and models end to end (spec 6.8, 7.4 C38-C40, 11): created with the AWS CLI
 * (and imported from OpenAPI), deployed, then called over a real socket; status and body bytes as
 * AWS answers them.
 */
class RequestValidationIT {
  static final String TEST_SCHEMA =
      "{\"title\":\"testSchema\",\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},"
          + "\"b\":{\"type\":\"number\"}},\"required\":[\"a\",\"b\"]}";
  static final String PET =
      "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\","
          + "\"properties\":{\"name\":{\"type\":\"string\"},\"kind\":{\"enum\":[\"dog\",\"cat\"]}},"
          + "\"required\":[\"name\"]}";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static EchoBackend backend;
  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String api;
  static String imported;

  @BeforeAll
  static void configure() throws Exception {
    backend = EchoBackend.start();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);

    api = aws.json("create-rest-api", "--name", "validated").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", api).get("items").get(0).get("id").asText();
    String both = validator("both", true, true);
    String bodyOnly = validator("body-only", true, false);
    String paramsOnly = validator("params-only", false, true);
    model("testSchema", TEST_SCHEMA);
    model("Pet", PET);
    model(
        "Pets",
        "{\"type\":\"array\",\"items\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/"
            + api
            + "/models/Pet\"}}");

    // C38-C40: /nested/{test}, POST with both checks; the path parameter 'issuer' is not in the
    // route, so it is always missing.
    String nested = resource(resource(root, "nested"), "{test}");
    method(
        nested,
        "POST",
        both,
        "method.request.header.x-header-param=true,method.request.path.issuer=true,"
            + "method.request.querystring.qs1=true",
        "application/json=testSchema");
    mock(nested, "POST");
    // Parameters only: a body is never looked at.
    String params = resource(root, "params");
    method(
        params,
        "GET",
        paramsOnly,
        "method.request.header.x-header-param=true,method.request.querystring.qs1=true",
        "application/json=testSchema");
    mock(params, "GET");
    // Body only, to a real HTTP backend: the required header is not checked.
    String body = resource(root, "body");
    method(
        body,
        "POST",
        bodyOnly,
        "method.request.header.x-never-sent=true",
        "application/json=testSchema");
    aws.json(
        "put-integration",
        "--rest-api-id",
        api,
        "--resource-id",
        body,
        "--http-method",
        "POST",
        "--type",
        "HTTP_PROXY",
        "--integration-http-method",
        "POST",
        "--uri",
        backend.url("/orders"));
    // A model referring to another model.
    String pets = resource(root, "pets");
    method(pets, "POST", both, null, "application/json=Pets");
    mock(pets, "POST");
    aws.json("create-deployment", "--rest-api-id", api, "--stage-name", "test");
    aws.json(
        "update-stage",
        "--rest-api-id",
        api,
        "--stage-name",
        "test",
        "--patch-operations",
        "op=replace,path=/*/*/logging/loglevel,value=INFO");

    imported =
        aws.json(
                "import-rest-api",
                "--body",
                fileb("validated.yaml", fixture("validated-oas3.yaml")))
            .get("id")
            .asText();
    aws.json(
        "put-gateway-response",
        "--rest-api-id",
        imported,
        "--response-type",
        "BAD_REQUEST_BODY",
        "--response-templates",
        AwsCli.JSON.writeValueAsString(
            Map.of(
                "application/json",
                "{\"message\":$context.error.messageString,"
                    + "\"detail\":\"$util.escapeJavaScript($context.error.validationErrorString)\","
                    + "\"type\":\"$context.error.responseType\"}")));
    aws.json("create-deployment", "--rest-api-id", imported, "--stage-name", "test");
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

  static String validator(String name, boolean body, boolean params) throws Exception {
    return aws.json(
            "create-request-validator",
            "--rest-api-id",
            api,
            "--name",
            name,
            body ? "--validate-request-body" : "--no-validate-request-body",
            params ? "--validate-request-parameters" : "--no-validate-request-parameters")
        .get("id")
        .asText();
  }

  static void model(String name, String schema) throws Exception {
    aws.json(
        "create-model",
        "--rest-api-id",
        api,
        "--name",
        name,
        "--content-type",
        "application/json",
        "--schema",
        schema);
  }

  static String resource(String parent, String part) throws Exception {
    return aws.json(
            "create-resource", "--rest-api-id", api, "--parent-id", parent, "--path-part", part)
        .get("id")
        .asText();
  }

  static void method(
      String resource, String verb, String validatorId, String parameters, String models)
      throws Exception {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "put-method",
                "--rest-api-id",
                api,
                "--resource-id",
                resource,
                "--http-method",
                verb,
                "--authorization-type",
                "NONE",
                "--request-validator-id",
                validatorId,
                "--request-models",
                models));
    if (parameters != null) {
      args.add("--request-parameters");
      args.add(parameters);
    }
    aws.json(args.toArray(String[]::new));
  }

  static void mock(String resource, String verb) throws Exception {
    aws.json(
        "put-integration",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        verb,
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
        verb,
        "--status-code",
        "200");
    aws.json(
        "put-integration-response",
        "--rest-api-id",
        api,
        "--resource-id",
        resource,
        "--http-method",
        verb,
        "--status-code",
        "200",
        "--response-templates",
        "{\"application/json\": \"{\\\"ok\\\": true}\"}");
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = RequestValidationIT.class.getResourceAsStream("/openapi/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static String fileb(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return "fileb://" + p;
  }

  static RawHttp.Response call(
      String apiId, String method, String stageAndPath, String body, String... headers)
      throws IOException {
    return Invoke.hostStyle(turnpike, apiId, method, stageAndPath, body, headers);
  }

  static void assertRefused(RawHttp.Response r, String body) {
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyText()).isEqualTo(body);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("BadRequestException");
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void missingParameters_C38_allThreeInAwsOrder() throws Exception {
    RawHttp.Response r =
        call(
            api,
            "POST",
            "/test/nested/value",
            "{\"test\":\"test\"}",
            "Content-Type",
            "application/json");
    assertRefused(
        r, "{\"message\":\"Missing required request parameters: [x-header-param, issuer, qs1]\"}");
  }

  @Test
  void paramsOnly_C39_headerOrQueryMissing_emptyValueCountsAsMissing() throws Exception {
    assertRefused(
        call(api, "GET", "/test/params?qs1=test", null),
        "{\"message\":\"Missing required request parameters: [x-header-param]\"}");
    RawHttp.Response noQuery = call(api, "GET", "/test/params", null, "x-header-param", "1");
    assertRefused(noQuery, "{\"message\":\"Missing required request parameters: [qs1]\"}");
    // explain names the cause, the article and what was missing.
    String id = noQuery.header("x-amzn-RequestId");
    ExplainIT.Run run =
        Poll.until(
            Duration.ofSeconds(10),
            () -> ExplainIT.turnpikeCli("explain", id, "--data-dir", turnpike.dataDir().toString()),
            done -> done.exit() == 0);
    assertThat(run.out())
        .contains("status 400")
        .contains("request validator: Missing required request parameters: [qs1]")
        .contains("request-validation-400");
    assertRefused(
        call(api, "GET", "/test/params?qs1=", null, "x-header-param", "1"),
        "{\"message\":\"Missing required request parameters: [qs1]\"}");
    // Parameters only: the body (not JSON, no model match) is not looked at.
    RawHttp.Response ok = call(api, "GET", "/test/params?qs1=a", "not json", "x-header-param", "1");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.bodyText()).isEqualTo("{\"ok\": true}");
  }

  @Test
  void invalidOrAbsentBody_C40_invalidRequestBody_andTheExecutionLogSaysWhy() throws Exception {
    RawHttp.Response r =
        call(
            api,
            "POST",
            "/test/nested/value?qs1=test",
            "{\"test\":\"test\"}",
            "Content-Type",
            "application/json",
            "x-header-param",
            "1");
    // 'issuer' is still required and missing: parameters are checked before the body.
    assertRefused(r, "{\"message\":\"Missing required request parameters: [issuer]\"}");

    RawHttp.Response body =
        call(api, "POST", "/test/body", "{\"a\":1}", "Content-Type", "application/json");
    assertRefused(body, "{\"message\":\"Invalid request body\"}");
    // No Content-Type: validated as application/json; an absent body never matches.
    assertRefused(call(api, "POST", "/test/body", null), "{\"message\":\"Invalid request body\"}");
    assertThat(
            executionLogWith(
                "Request body does not match model schema for content type application/json:"
                    + " [object has missing required properties ([\"b\"])]"))
        .contains(
            "Request body does not match model schema for content type application/json:"
                + " [Unknown error parsing request body]")
        .contains("Method completed with status: 400");
  }

  @Test
  void validBody_reachesTheHttpBackend_bodyOnlyValidatorIgnoresParameters() throws Exception {
    int before = backend.received().size();
    RawHttp.Response r =
        call(api, "POST", "/test/body", "{\"a\":1,\"b\":2.5}", "Content-Type", "application/json");
    assertThat(r.status()).isEqualTo(200);
    assertThat(backend.received()).hasSize(before + 1);
    assertThat(backend.last().body()).isEqualTo("{\"a\":1,\"b\":2.5}");
    // A content type the method has no model for is not validated (spec 11.2).
    RawHttp.Response text = call(api, "POST", "/test/body", "a=1", "Content-Type", "text/plain");
    assertThat(text.status()).isEqualTo(200);
    assertThat(backend.last().body()).isEqualTo("a=1");
  }

  @Test
  void refToAnotherModel_isFollowed() throws Exception {
    RawHttp.Response ok =
        call(
            api,
            "POST",
            "/test/pets",
            "[{\"name\":\"Rex\",\"kind\":\"dog\"}]",
            "Content-Type",
            "application/json");
    assertThat(ok.status()).isEqualTo(200);
    assertRefused(
        call(
            api, "POST", "/test/pets", "[{\"kind\":\"bird\"}]", "Content-Type", "application/json"),
        "{\"message\":\"Invalid request body\"}");
  }

  @Test
  void openApiImport_validatorsAndModelsHold_customBadRequestBodyShowsTheValidationError()
      throws Exception {
    JsonNode validators = aws.json("get-request-validators", "--rest-api-id", imported);
    assertThat(validators.get("items").findValuesAsText("name"))
        .containsExactlyInAnyOrder("all", "params-only");

    RawHttp.Response missing =
        call(imported, "POST", "/test/orders", "{}", "Content-Type", "application/json");
    assertRefused(missing, "{\"message\":\"Missing required request parameters: [x-tenant]\"}");

    RawHttp.Response invalid =
        call(
            imported,
            "POST",
            "/test/orders",
            "{\"items\":[{\"sku\":\"A1\",\"qty\":0}]}",
            "Content-Type",
            "application/json",
            "x-tenant",
            "t1");
    assertRefused(
        invalid,
        "{\"message\":\"Invalid request body\",\"detail\":\"[numeric instance is lower than the"
            + " required minimum (minimum: 1, found: 0)]\",\"type\":\"BAD_REQUEST_BODY\"}");

    RawHttp.Response noItems =
        call(
            imported,
            "POST",
            "/test/orders",
            "{}",
            "Content-Type",
            "application/json",
            "x-tenant",
            "t1");
    assertRefused(
        noItems,
        "{\"message\":\"Invalid request body\",\"detail\":\"[object has missing required"
            + " properties ([\\\"items\\\"])]\",\"type\":\"BAD_REQUEST_BODY\"}");

    RawHttp.Response ok =
        call(
            imported,
            "POST",
            "/test/orders",
            "{\"items\":[{\"sku\":\"A1\",\"qty\":2}]}",
            "Content-Type",
            "application/json",
            "x-tenant",
            "t1");
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.bodyText()).isEqualTo("{\"accepted\": true}");

    // The operation-level validator (parameters only).
    assertRefused(
        call(imported, "GET", "/test/orders", null),
        "{\"message\":\"Missing required request parameters: [page]\"}");
    assertThat(call(imported, "GET", "/test/orders?page=1", null).status()).isEqualTo(200);
  }

  @Test
  void testInvokeMethod_validatesAsTheStageDoes() throws Exception {
    String body =
        aws.json("get-resources", "--rest-api-id", api).get("items").findParents("path").stream()
            .filter(n -> n.get("path").asText().equals("/body"))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();
    JsonNode r =
        aws.json(
            "test-invoke-method",
            "--rest-api-id",
            api,
            "--resource-id",
            body,
            "--http-method",
            "POST",
            "--body",
            "{\"a\":\"x\",\"b\":1}");
    assertThat(r.get("status").asInt()).isEqualTo(400);
    assertThat(r.get("body").asText()).isEqualTo("{\"message\":\"Invalid request body\"}");
    assertThat(r.get("log").asText())
        .contains(
            "Request body does not match model schema for content type application/json:"
                + " [instance type (string) does not match any allowed primitive type (allowed:"
                + " [\"integer\",\"number\"])]");
  }

  /** The stage's execution log once it holds {@code line} (it is written in the background). */
  private static String executionLogWith(String line) throws Exception {
    Path log = turnpike.dataDir().resolve("logs/execution/" + api + "/test.log");
    return Poll.until(
        Duration.ofSeconds(5),
        () -> Files.isRegularFile(log) ? Files.readString(log) : "",
        text -> text.contains(line));
  }
}
