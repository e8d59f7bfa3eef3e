package dev.turnpike.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.model.Authorizer;
import dev.turnpike.model.Integration;
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Spec 10: what an import of each real document stores, and what AWS refuses or warns about. */
class OpenApiImporterTest {
  private final AtomicInteger next = new AtomicInteger();
  private final IdSource ids = (kind, name) -> kind + "-" + name + "-" + next.incrementAndGet();

  static byte[] fixture(String name) throws IOException {
    try (InputStream in = OpenApiImporterTest.class.getResourceAsStream("/openapi/" + name)) {
      return Objects.requireNonNull(in, name).readAllBytes();
    }
  }

  private ImportedApi read(String fixture) throws IOException {
    return OpenApiImporter.read(fixture(fixture), "abc123", ImportOptions.DEFAULTS, ids);
  }

  private static ImportedApi read(String doc, ImportOptions options) {
    return OpenApiImporter.read(
        doc.getBytes(StandardCharsets.UTF_8), "api1", options, (k, n) -> k + ":" + n);
  }

  private static Method method(ImportedApi api, String path, String verb) {
    return api.resources().stream()
        .filter(r -> r.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no resource " + path))
        .methods()
        .get(verb);
  }

  private static List<String> paths(ImportedApi api) {
    return api.resources().stream().map(ImportedApi.ImportedResource::path).toList();
  }

  @Test
  void petStoreSwaggerImportsAsAwsRecordedIt() throws IOException {
    // LocalStack test_import_swagger_api (recorded against AWS, 2025): resources, models with
    // absolute $refs, method/integration defaults.
    ImportedApi api = read("petstore-swagger.json");

    assertThat(api.name()).isEqualTo("PetStore");
    assertThat(api.description()).startsWith("The Pet Store example API");
    assertThat(api.warnings()).isEmpty();
    assertThat(paths(api)).containsExactly("/", "/pets", "/pets/{petId}");
    assertThat(method(api, "/pets", "GET")).isNotNull();
    assertThat(api.resources().get(1).methods()).containsOnlyKeys("GET", "OPTIONS", "POST");
    assertThat(api.models().stream().map(Model::name))
        .containsExactly("Pets", "Empty", "NewPetResponse", "Pet", "NewPet", "PetType");
    Model pets = api.models().get(0);
    assertThat(pets.contentType()).isEqualTo("application/json");
    assertThat(pets.schema())
        .isEqualTo(
            "{\"type\":\"array\",\"items\":{\"$ref\":"
                + "\"https://apigateway.amazonaws.com/restapis/abc123/models/Pet\"}}");

    Method list = method(api, "/pets", "GET");
    assertThat(list.authorizationType()).isEqualTo("NONE");
    assertThat(list.requestParameters())
        .containsExactly(
            Map.entry("method.request.querystring.type", false),
            Map.entry("method.request.querystring.page", false));
    assertThat(list.methodResponses().get("200").responseModels())
        .containsExactly(Map.entry("application/json", "Pets"));
    assertThat(list.methodResponses().get("200").responseParameters())
        .containsExactly(Map.entry("method.response.header.Access-Control-Allow-Origin", false));
    Integration http = list.methodIntegration();
    assertThat(http.type()).isEqualTo("HTTP");
    assertThat(http.connectionType()).isEqualTo("INTERNET");
    assertThat(http.passthroughBehavior()).isEqualTo("WHEN_NO_MATCH");
    assertThat(http.timeoutInMillis()).isEqualTo(29_000);
    assertThat(http.cacheKeyParameters()).isEmpty();
    assertThat(http.integrationResponses().get("200").selectionPattern()).isNull();

    Method create = method(api, "/pets", "POST");
    assertThat(create.operationName()).isEqualTo("CreatePet");
    assertThat(create.requestModels()).containsExactly(Map.entry("application/json", "NewPet"));
    Method root = method(api, "/", "GET");
    assertThat(root.methodIntegration().type()).isEqualTo("MOCK");
    assertThat(root.methodIntegration().connectionType()).isNull();
    assertThat(method(api, "/pets/{petId}", "GET").requestParameters())
        .containsExactly(Map.entry("method.request.path.petId", true));
  }

  @Test
  void samDocumentWithLambdaProxyAndTokenAuthorizer() throws IOException {
    ImportedApi api = read("sam-lambda-authorizer.yaml");

    assertThat(api.name()).isEqualTo("sam-app");
    assertThat(api.version()).isEqualTo("1.0");
    assertThat(api.binaryMediaTypes()).containsExactly("image/png", "*/*");
    assertThat(api.apiKeySource()).isEqualTo("HEADER");
    assertThat(paths(api)).containsExactly("/", "/hello", "/hello/{name}", "/public");
    Authorizer auth = api.authorizers().get(0);
    // Spec 10.3: type upper-cased, identitySource from the scheme's header, authType kept.
    assertThat(auth.name()).isEqualTo("MyLambdaTokenAuthorizer");
    assertThat(auth.type()).isEqualTo("TOKEN");
    assertThat(auth.identitySource()).isEqualTo("method.request.header.Authorization");
    assertThat(auth.authType()).isEqualTo("custom");
    assertThat(auth.authorizerResultTtlInSeconds()).isEqualTo(300);

    Method hello = method(api, "/hello", "GET");
    assertThat(hello.authorizationType()).isEqualTo("CUSTOM");
    assertThat(hello.authorizerId()).isEqualTo(auth.id());
    assertThat(hello.methodIntegration().type()).isEqualTo("AWS_PROXY");
    assertThat(hello.methodIntegration().httpMethod()).isEqualTo("POST");
    assertThat(hello.methodIntegration().uri()).endsWith("function:HelloWorldFunction/invocations");
    Method any = method(api, "/hello/{name}", "ANY");
    assertThat(any.authorizationType()).isEqualTo("CUSTOM");
    assertThat(any.requestParameters())
        .containsExactly(Map.entry("method.request.path.name", true));
    assertThat(method(api, "/public", "GET").authorizationType()).isEqualTo("NONE");
  }

  @Test
  void openApi3YamlWithEveryRestExtension() throws IOException {
    ImportedApi api = read("orders-oas3.yaml");

    assertThat(api.version()).isEqualTo("2026-12-07");
    assertThat(api.disableExecuteApiEndpoint()).isTrue();
    assertThat(api.minimumCompressionSize()).isEqualTo(1024);
    assertThat(api.binaryMediaTypes()).containsExactly("application/octet-stream");
    assertThat(api.policy()).contains("\"Resource\":\"execute-api:/*\"");
    assertThat(paths(api))
        .containsExactly("/", "/files/{proxy+}", "/health", "/orders", "/orders/{orderId}");

    // Path-level $ref parameter merged into the operation's; validator by name.
    Method list = method(api, "/orders", "GET");
    assertThat(list.requestParameters())
        .containsExactly(
            Map.entry("method.request.header.x-tenant", true),
            Map.entry("method.request.querystring.limit", true));
    assertThat(list.apiKeyRequired()).isTrue();
    assertThat(list.operationName()).isEqualTo("listOrders");
    String paramsOnly =
        api.validators().stream()
            .filter(v -> v.name().equals("params-only"))
            .findFirst()
            .get()
            .id();
    assertThat(list.requestValidatorId()).isEqualTo(paramsOnly);
    assertThat(list.methodResponses().get("200").responseModels())
        .containsExactly(Map.entry("application/json", "Orders"));
    assertThat(list.methodResponses().get("200").responseParameters())
        .containsOnlyKeys("method.response.header.X-Total");
    assertThat(list.methodIntegration().type()).isEqualTo("HTTP_PROXY");
    assertThat(list.methodIntegration().requestParameters())
        .containsExactly(
            Map.entry("integration.request.header.x-tenant", "method.request.header.x-tenant"));

    Method create = method(api, "/orders", "POST");
    assertThat(create.requestModels()).containsExactly(Map.entry("application/json", "NewOrder"));
    assertThat(create.authorizationType()).isEqualTo("COGNITO_USER_POOLS");
    assertThat(create.authorizationScopes()).containsExactly("orders/write");
    assertThat(create.methodResponses()).containsOnlyKeys("201");
    String all =
        api.validators().stream().filter(v -> v.name().equals("all")).findFirst().get().id();
    assertThat(create.requestValidatorId()).isEqualTo(all);

    Method get = method(api, "/orders/{orderId}", "GET");
    assertThat(get.authorizationType()).isEqualTo("AWS_IAM");
    Integration aws = get.methodIntegration();
    assertThat(aws.type()).isEqualTo("AWS");
    assertThat(aws.credentials()).isEqualTo("arn:aws:iam::123456789012:role/apigw");
    assertThat(aws.timeoutInMillis()).isEqualTo(5000);
    assertThat(aws.contentHandling()).isEqualTo("CONVERT_TO_TEXT");
    assertThat(aws.cacheKeyParameters()).containsExactly("method.request.path.orderId");
    assertThat(aws.integrationResponses().get("404").selectionPattern()).isEqualTo(".*not found.*");
    assertThat(method(api, "/health", "GET").authorizationType()).isEqualTo("NONE");
    assertThat(method(api, "/files/{proxy+}", "ANY").methodIntegration().uri())
        .isEqualTo("http://127.0.0.1:9/files/{proxy}");

    assertThat(api.authorizers().stream().map(Authorizer::name))
        .containsExactly("cognito", "unused-request");
    Authorizer request = api.authorizers().get(1);
    assertThat(request.type()).isEqualTo("REQUEST");
    assertThat(request.identitySource())
        .isEqualTo("method.request.header.X-Token, method.request.querystring.t");
    assertThat(api.authorizers().get(0).providerARNs()).hasSize(1);

    assertThat(api.gatewayResponses()).hasSize(2);
    assertThat(api.gatewayResponses().get(0).statusCode()).isEqualTo("404");
    assertThat(api.gatewayResponses().get(0).responseParameters())
        .containsEntry("gatewayresponse.header.x-why", "'no route'");

    // Models: $refs rewritten, the self-reference kept (circular refs are accepted, recorded).
    Model item = api.models().stream().filter(m -> m.name().equals("Item")).findFirst().get();
    assertThat(item.schema())
        .contains("\"$ref\":\"https://apigateway.amazonaws.com/restapis/abc123/models/Item\"");

    assertThat(api.warnings())
        .containsExactly(
            "Invalid format for 'requestParameters'. Expected type string for property"
                + " 'integration.request.header.nothing' of resource '/orders' and method 'GET'"
                + " but got 'true'",
            "Parse issue: attribute paths.'/orders/{orderId}'(get).responses.404.content.schema"
                + ".#/components/schemas/Missing is missing");
  }

  @Test
  void basePathModesAsRecorded() {
    // Spec 10.2 (LS test_import_rest_api*_base_path*, recorded).
    String swagger =
        "{\"swagger\":\"2.0\",\"info\":{\"title\":\"b\"},\"basePath\":\"/base\","
            + "\"paths\":{\"/test\":{\"get\":{\"responses\":{}}}}}";
    assertThat(paths(read(swagger, opts("ignore")))).containsExactly("/", "/test");
    assertThat(paths(read(swagger, opts("prepend")))).containsExactly("/", "/base/test");
    assertThat(paths(read(swagger, opts("split")))).containsExactly("/", "/test");

    String url =
        "openapi: 3.0.1\n"
            + "info: {title: u}\n"
            + "servers:\n"
            + "  - url: https://testdomain.com/base-url/part/\n"
            + "paths:\n"
            + "  /test:\n"
            + "    get:\n"
            + "      responses: {}\n";
    assertThat(paths(read(url, opts("ignore")))).containsExactly("/", "/test");
    assertThat(paths(read(url, opts("prepend")))).containsExactly("/", "/base-url/part/test");
    assertThat(paths(read(url, opts("split")))).containsExactly("/", "/part/test");

    String variable =
        "openapi: 3.0.1\ninfo: {title: v}\nservers:\n  - url: https://example.com/{basePath}\n"
            + "    variables:\n      basePath: {default: /base-var}\n"
            + "paths:\n  /test:\n    get:\n      responses: {}\n";
    assertThat(paths(read(variable, opts("prepend")))).containsExactly("/", "/base-var/test");
    assertThat(paths(read(variable, opts("split")))).containsExactly("/", "/test");
  }

  private static ImportOptions opts(String mode) {
    return new ImportOptions(ImportOptions.BasePathMode.parse(mode), false);
  }

  @Test
  void unparsableOrNonOpenApiBodiesAreAwsInvalidInput() {
    // Spec 10.1 (recorded): "Invalid OpenAPI input." for YAML/JSON that does not parse.
    for (String bad :
        List.of(
            "{\"swagger\": ",
            "not: [valid",
            "just a string",
            "[1, 2]",
            "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"x\"},\"paths\":{}}",
            "{\"info\":{\"title\":\"x\"}}",
            "")) {
      assertThatThrownBy(() -> read(bad, ImportOptions.DEFAULTS))
          .as(bad)
          .isInstanceOf(OpenApiException.class)
          .hasMessage("Invalid OpenAPI input.");
    }
  }

  @Test
  void yamlAliasBombIsNotExpanded() {
    // 10^29 nodes if aliases were expanded; Jackson's YAML reader does not expand them.
    StringBuilder b = new StringBuilder("swagger: '2.0'\ninfo: {title: bomb}\na0: &a0 [x, x]\n");
    for (int i = 1; i < 30; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [");
      b.append(("*a" + (i - 1) + ", ").repeat(9)).append("*a").append(i - 1).append("]\n");
    }
    b.append("paths: {}\n");
    long start = System.nanoTime();
    assertThat(read(b.toString(), ImportOptions.DEFAULTS).name()).isEqualTo("bomb");
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void outOfRangeCompressionSizeRefusesTheDocument() {
    String doc =
        "{\"swagger\":\"2.0\",\"info\":{\"title\":\"c\"},\"paths\":{},"
            + "\"x-amazon-apigateway-minimum-compression-size\":10485761}";
    assertThatThrownBy(() -> read(doc, ImportOptions.DEFAULTS))
        .hasMessage("Invalid minimum compression size, must be between 0 and 10485760");
  }

  @Test
  void integerResponseKeysAndRootSecurityAsRecorded() {
    // Spec 10.3: integer response keys stored as strings; root security applies to operations
    // without their own (2025 recording).
    String doc =
        "swagger: '2.0'\ninfo: {title: r}\nsecurity:\n  - tok: []\n"
            + "securityDefinitions:\n  tok:\n    type: apiKey\n    name: Auth\n    in: header\n"
            + "    x-amazon-apigateway-authorizer: {type: token, authorizerUri: 'arn:x'}\n"
            + "paths:\n  /a:\n    get:\n      responses:\n        200: {description: ok}\n"
            + "  /b:\n    get:\n      security: []\n      responses: {}\n";
    ImportedApi api = read(doc, ImportOptions.DEFAULTS);
    assertThat(method(api, "/a", "GET").methodResponses()).containsOnlyKeys("200");
    assertThat(method(api, "/a", "GET").authorizationType()).isEqualTo("CUSTOM");
    assertThat(method(api, "/a", "GET").authorizerId()).isEqualTo("authorizer:tok");
    assertThat(method(api, "/b", "GET").authorizationType()).isEqualTo("NONE");
    assertThat(api.authorizers().get(0).identitySource()).isEqualTo("method.request.header.Auth");
  }

  @Test
  void largeOpenApi3DocumentWithHundredsOfPaths() {
    String doc = LargeDocument.oas3(400);
    long start = System.nanoTime();
    ImportedApi api = read(doc, ImportOptions.DEFAULTS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    // 400 collections + 400 items + root (the control plane adds the intermediate /v1).
    assertThat(api.resources().size()).isEqualTo(801);
    assertThat(api.resources().stream().collect(Collectors.summingInt(r -> r.methods().size())))
        .isEqualTo(1600);
    assertThat(api.models()).hasSize(400);
    assertThat(api.warnings()).isEmpty();
    assertThat(millis).as("import of %s bytes", doc.length()).isLessThan(5_000);
  }
}
