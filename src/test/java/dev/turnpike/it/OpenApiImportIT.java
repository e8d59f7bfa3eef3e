package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * ImportRestApi and PutRestApi with the real AWS CLI (spec 10.1-10.4), then the imported APIs
 * served over HTTP: AWS's PetStore (Swagger 2.0 JSON, MOCK and HTTP integrations), an OpenAPI 3
 * YAML document with every REST extension (HTTP_PROXY, base path prepended), a SAM document
 * (AWS_PROXY and a token authorizer), a generated document of 400 resources, and the refusals.
 */
class OpenApiImportIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static EchoBackend backend;
  static TurnpikeProcess turnpike;
  static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    backend = EchoBackend.start();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  static String fixture(String name) throws IOException {
    try (InputStream in = OpenApiImportIT.class.getResourceAsStream("/openapi/" + name)) {
      return new String(Objects.requireNonNull(in, name).readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code fileb://} of {@code text} written to a temporary file, as users pass documents. */
  static String fileb(String name, String text) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return "fileb://" + p;
  }

  static HttpResponse<String> get(String api, String pathAndQuery) throws Exception {
    return Invoke.send(
        HttpRequest.newBuilder(Invoke.pathStyle(turnpike, api, "test", pathAndQuery)).build());
  }

  static List<String> paths(String api) throws Exception {
    List<String> out = new ArrayList<>();
    aws.json("get-resources", "--rest-api-id", api)
        .get("items")
        .forEach(r -> out.add(r.get("path").asText()));
    return out.stream().sorted().toList();
  }

  @Test
  void petStoreImportsWithTheCliAndServesMockAndHttpMethods() throws Exception {
    String doc =
        fixture("petstore-swagger.json")
            .replace(
                "http://petstore.execute-api.us-east-1.amazonaws.com/petstore",
                backend.url("/petstore"));
    JsonNode api = aws.json("import-rest-api", "--body", fileb("petstore.json", doc));

    // Recorded import result (LS test_import_swagger_api): name/description from info, HEADER,
    // EDGE.
    assertThat(api.get("name").asText()).isEqualTo("PetStore");
    assertThat(api.get("description").asText()).startsWith("The Pet Store example API");
    assertThat(api.get("apiKeySource").asText()).isEqualTo("HEADER");
    assertThat(api.get("endpointConfiguration").get("types").toString()).isEqualTo("[\"EDGE\"]");
    assertThat(api.has("warnings")).isFalse();
    String id = api.get("id").asText();
    assertThat(paths(id)).containsExactly("/", "/pets", "/pets/{petId}");

    JsonNode resources = aws.json("get-resources", "--rest-api-id", id);
    String pets = null;
    for (JsonNode r : resources.get("items")) {
      if (r.get("path").asText().equals("/pets")) {
        pets = r.get("id").asText();
      }
    }
    JsonNode integration =
        aws.json(
            "get-integration", "--rest-api-id", id, "--resource-id", pets, "--http-method", "GET");
    assertThat(integration.get("type").asText()).isEqualTo("HTTP");
    assertThat(integration.get("cacheNamespace").asText()).isEqualTo(pets);
    assertThat(integration.get("passthroughBehavior").asText()).isEqualTo("WHEN_NO_MATCH");
    JsonNode method =
        aws.json("get-method", "--rest-api-id", id, "--resource-id", pets, "--http-method", "POST");
    assertThat(method.get("requestModels").get("application/json").asText()).isEqualTo("NewPet");

    // Recorded get-models after the PetStore import: one model per definition, $refs absolute.
    JsonNode models = aws.json("get-models", "--rest-api-id", id).get("items");
    List<String> names = new ArrayList<>();
    models.forEach(m -> names.add(m.get("name").asText()));
    assertThat(names)
        .containsExactly("Empty", "NewPet", "NewPetResponse", "Pet", "PetType", "Pets");
    JsonNode petsModel = aws.json("get-model", "--rest-api-id", id, "--model-name", "Pets");
    assertThat(petsModel.get("contentType").asText()).isEqualTo("application/json");
    assertThat(petsModel.get("schema").asText())
        .isEqualTo(
            "{\"type\":\"array\",\"items\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/"
                + id
                + "/models/Pet\"}}");
    AwsCli.Result missing = aws.run("get-model", "--rest-api-id", id, "--model-name", "Cat");
    assertThat(missing.stderr())
        .contains("(NotFoundException)")
        .contains("Invalid model name specified: Cat");

    aws.json("create-deployment", "--rest-api-id", id, "--stage-name", "test");
    HttpResponse<String> home = get(id, "/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.headers().firstValue("Content-Type")).hasValue("text/html");
    assertThat(home.body()).contains("<h1>Pet Store</h1>");

    HttpResponse<String> list = get(id, "/pets?type=dog&page=2");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    EchoBackend.Received seen = backend.last();
    assertThat(seen.method()).isEqualTo("GET");
    assertThat(seen.path()).isEqualTo("/petstore/pets");
    assertThat(seen.query()).contains("type=dog").contains("page=2");

    HttpResponse<String> one = get(id, "/pets/7");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(backend.last().path()).isEqualTo("/petstore/pets/7");

    HttpResponse<String> preflight =
        Invoke.send(
            HttpRequest.newBuilder(Invoke.pathStyle(turnpike, id, "test", "/pets"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
        .hasValue("POST,GET,OPTIONS");
  }

  @Test
  void openApi3YamlWithBasePathPrependedWarnsAndServesHttpProxy() throws Exception {
    String doc =
        fixture("orders-oas3.yaml")
            .replace("http://127.0.0.1:9", backend.url(""))
            .replace("disableExecuteApiEndpoint: true", "disableExecuteApiEndpoint: false");
    JsonNode api =
        aws.json(
            "import-rest-api",
            "--parameters",
            "basepath=prepend,endpointConfigurationTypes=REGIONAL",
            "--body",
            fileb("orders.yaml", doc));
    String id = api.get("id").asText();
    assertThat(api.get("version").asText()).isEqualTo("2026-12-07");
    assertThat(api.get("endpointConfiguration").get("types").toString())
        .isEqualTo("[\"REGIONAL\"]");
    assertThat(api.get("minimumCompressionSize").asInt()).isEqualTo(1024);
    // Spec 10.4: execute-api:/* in the policy expanded to the API's ARN on import.
    assertThat(api.get("policy").asText()).contains(":" + id + "/*");
    // Spec 10.1: warnings returned in `warnings`, the API imported.
    assertThat(api.get("warnings").get(0).asText())
        .isEqualTo(
            "Invalid format for 'requestParameters'. Expected type string for property"
                + " 'integration.request.header.nothing' of resource '/v1/orders' and method 'GET'"
                + " but got 'true'");
    assertThat(paths(id))
        .containsExactly(
            "/",
            "/v1",
            "/v1/files",
            "/v1/files/{proxy+}",
            "/v1/health",
            "/v1/orders",
            "/v1/orders/{orderId}");

    aws.json("create-deployment", "--rest-api-id", id, "--stage-name", "test");
    HttpResponse<String> health = get(id, "/v1/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"healthy\":true}");
    HttpResponse<String> file = get(id, "/v1/files/a/b.txt");
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(backend.last().path()).isEqualTo("/files/a/b.txt");
  }

  @Test
  void failOnWarningsRefusesAndImportsNothing() throws Exception {
    int before = aws.json("get-rest-apis").get("items").size();
    AwsCli.Result r =
        aws.run(
            "import-rest-api",
            "--fail-on-warnings",
            "--body",
            fileb("warn.yaml", fixture("orders-oas3.yaml")));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains("(BadRequestException)")
        .contains("Warnings found during import:")
        .contains("Parse issue: attribute paths.'/orders/{orderId}'(get).responses.404");
    assertThat(aws.json("get-rest-apis").get("items").size()).isEqualTo(before);
  }

  @Test
  void invalidDocumentsAreBadRequestInvalidOpenApiInput() throws Exception {
    for (String bad : List.of("{\"swagger\": ", "openapi: 3.1.0\ninfo: {title: x}\npaths: {}\n")) {
      AwsCli.Result r = aws.run("import-rest-api", "--body", fileb("bad.txt", bad));
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr())
          .contains("An error occurred (BadRequestException) when calling the ImportRestApi")
          .contains("Invalid OpenAPI input.");
    }
  }

  @Test
  void samDocumentImportsLambdaProxyAndAuthorizer() throws Exception {
    JsonNode api =
        aws.json(
            "import-rest-api", "--body", fileb("sam.yaml", fixture("sam-lambda-authorizer.yaml")));
    String id = api.get("id").asText();
    assertThat(api.get("binaryMediaTypes").toString()).isEqualTo("[\"image/png\",\"*/*\"]");
    String hello = null;
    for (JsonNode r : aws.json("get-resources", "--rest-api-id", id).get("items")) {
      if (r.get("path").asText().equals("/hello")) {
        hello = r.get("id").asText();
      }
    }
    JsonNode method =
        aws.json("get-method", "--rest-api-id", id, "--resource-id", hello, "--http-method", "GET");
    assertThat(method.get("authorizationType").asText()).isEqualTo("CUSTOM");
    JsonNode authorizers = aws.json("get-authorizers", "--rest-api-id", id).get("items");
    assertThat(authorizers).hasSize(1);
    JsonNode authorizer = authorizers.get(0);
    assertThat(authorizer.get("name").asText()).isEqualTo("MyLambdaTokenAuthorizer");
    assertThat(authorizer.get("type").asText()).isEqualTo("TOKEN");
    assertThat(authorizer.get("authType").asText()).isEqualTo("custom");
    assertThat(authorizer.get("identitySource").asText())
        .isEqualTo("method.request.header.Authorization");
    assertThat(authorizer.get("authorizerResultTtlInSeconds").asInt()).isEqualTo(300);
    assertThat(method.get("authorizerId").asText()).isEqualTo(authorizer.get("id").asText());
    assertThat(method.get("methodIntegration").get("type").asText()).isEqualTo("AWS_PROXY");
    assertThat(method.get("methodIntegration").get("uri").asText())
        .endsWith(":function:HelloWorldFunction/invocations");
    // The imported authorizer runs (issue 18); its function was never created, so the CUSTOM method
    // is AWS's authorizer-configuration 500, never served as if it had no authorization.
    aws.json("create-deployment", "--rest-api-id", id, "--stage-name", "prod");
    RawHttp.Response r =
        Invoke.hostStyle(turnpike, id, "GET", "/prod/hello", null, "Authorization", "allow");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\":null}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("AuthorizerConfigurationException");
    ExplainIT.Run explain =
        ExplainIT.turnpikeCli(
            "explain",
            r.header("x-amzn-RequestId"),
            "--data-dir",
            turnpike.dataDir().toString(),
            "--json");
    assertThat(explain.out()).contains("AUTHORIZER_CONFIGURATION").contains("no function");
  }

  @Test
  void putRestApiMergesAndOverwrites() throws Exception {
    String first =
        "swagger: '2.0'\ninfo: {title: first, version: '1'}\n"
            + "x-amazon-apigateway-binary-media-types: [image/heif]\n"
            + "paths:\n  /keep:\n    get:\n      responses: {}\n"
            + "      x-amazon-apigateway-integration: {type: mock, requestTemplates:"
            + " {application/json: '{\"statusCode\": 200}'}, responses: {default: {statusCode:"
            + " '200'}}}\n";
    String id =
        aws.json("import-rest-api", "--body", fileb("first.yaml", first)).get("id").asText();
    String second =
        "swagger: '2.0'\ninfo: {title: second, version: '2'}\n"
            + "x-amazon-apigateway-binary-media-types: [image/png, image/jpg]\n"
            + "paths:\n  /added:\n    get:\n      responses: {}\n";
    // Recorded (LS test_put_rest_api_mode_binary_media_types): merge adds, takes name/version.
    JsonNode merged =
        aws.json(
            "put-rest-api",
            "--rest-api-id",
            id,
            "--mode",
            "merge",
            "--body",
            fileb("second.yaml", second));
    assertThat(merged.get("name").asText()).isEqualTo("second");
    assertThat(merged.get("version").asText()).isEqualTo("2");
    assertThat(merged.get("binaryMediaTypes").toString())
        .isEqualTo("[\"image/heif\",\"image/png\",\"image/jpg\"]");
    assertThat(paths(id)).containsExactly("/", "/added", "/keep");

    JsonNode overwritten =
        aws.json(
            "put-rest-api",
            "--rest-api-id",
            id,
            "--mode",
            "overwrite",
            "--body",
            fileb("second.yaml", second));
    assertThat(overwritten.get("binaryMediaTypes").toString())
        .isEqualTo("[\"image/png\",\"image/jpg\"]");
    assertThat(paths(id)).containsExactly("/", "/added");

    AwsCli.Result bad =
        aws.run("put-rest-api", "--rest-api-id", id, "--body", fileb("bad.yaml", "a: [b"));
    assertThat(bad.stderr()).contains("Invalid OpenAPI input.");
    assertThat(paths(id)).containsExactly("/", "/added");
  }

  @Test
  void largeOpenApi3DocumentOfFourHundredResources() throws Exception {
    String doc = dev.turnpike.openapi.LargeDocumentAccess.oas3(400);
    long start = System.nanoTime();
    JsonNode api = aws.json("import-rest-api", "--body", fileb("large.json", doc));
    long millis = (System.nanoTime() - start) / 1_000_000;
    String id = api.get("id").asText();
    // 400 collections + 400 items + /v1 + root; the CLI pages through get-resources.
    assertThat(paths(id)).hasSize(802);
    System.out.println(
        "OpenApiImportIT: imported " + doc.length() + " bytes, 802 resources in " + millis + " ms");
    aws.json("create-deployment", "--rest-api-id", id, "--stage-name", "test");
    assertThat(get(id, "/v1/res399/abc").statusCode()).isEqualTo(200);
  }

  @Test
  void exportedPetStoreReimportsAndServesTheSame() throws Exception {
    String doc =
        fixture("petstore-swagger.json")
            .replace(
                "http://petstore.execute-api.us-east-1.amazonaws.com/petstore",
                backend.url("/petstore"));
    String id = aws.json("import-rest-api", "--body", fileb("pets2.json", doc)).get("id").asText();
    aws.json("create-deployment", "--rest-api-id", id, "--stage-name", "test");

    // Spec 10.5 (recorded): application/octet-stream for JSON (botocore sends Accept:
    // application/json on every call), file name {type}_{version}.json.
    Path plain = tmp.resolve("plain.json");
    JsonNode meta =
        aws.json(
            "get-export",
            "--rest-api-id",
            id,
            "--stage-name",
            "test",
            "--export-type",
            "swagger",
            plain.toString());
    assertThat(meta.get("contentType").asText()).isEqualTo("application/octet-stream");
    assertThat(meta.get("contentDisposition").asText())
        .matches("attachment; filename=\"swagger_\\d{4}-\\d\\d-\\d\\dT[0-9:]+Z\\.json\"");
    JsonNode swagger = AwsCli.JSON.readTree(plain.toFile());
    assertThat(swagger.get("basePath").asText()).isEqualTo("/test");
    assertThat(swagger.toString()).doesNotContain("x-amazon-apigateway-integration");

    Path yaml = tmp.resolve("export.yaml");
    JsonNode yamlMeta =
        aws.json(
            "get-export",
            "--rest-api-id",
            id,
            "--stage-name",
            "test",
            "--export-type",
            "oas30",
            "--parameters",
            "extensions=apigateway",
            "--accepts",
            "application/yaml",
            yaml.toString());
    assertThat(yamlMeta.get("contentType").asText()).isEqualTo("application/yaml");
    String exported = Files.readString(yaml);
    assertThat(exported)
        .startsWith("---\nopenapi: \"3.0.1\"")
        .contains("x-amazon-apigateway-integration:");

    JsonNode again = aws.json("import-rest-api", "--body", "fileb://" + yaml);
    String copy = again.get("id").asText();
    assertThat(again.get("name").asText()).isEqualTo("PetStore");
    assertThat(paths(copy)).isEqualTo(paths(id));
    aws.json("create-deployment", "--rest-api-id", copy, "--stage-name", "test");
    HttpResponse<String> home = get(copy, "/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).isEqualTo(get(id, "/").body());
    assertThat(get(copy, "/pets/9").statusCode()).isEqualTo(200);
    assertThat(backend.last().path()).isEqualTo("/petstore/pets/9");
  }
}
