package dev.turnpike.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.Authorizer;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.Integration;
import dev.turnpike.model.IntegrationResponse;
import dev.turnpike.model.Method;
import dev.turnpike.model.MethodResponse;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: import(export(api)) reproduces the API, over generated REST APIs (paths with path
 * parameters and greedy proxies, every integration type, request parameters and models, method and
 * integration responses, authorizers, AWS_IAM, API keys, validators, gateway responses and the
 * API-level settings), for both export formats with {@code extensions=apigateway}. Each API is
 * generated from a seed, so a failure names the seed that reproduces it.
 */
class OpenApiRoundTripTest {
  private static final String API = "abc123";
  private static final List<String> MODELS = List.of("Pet", "Order", "Error");

  @Test
  void importOfExportReproducesGeneratedApis() {
    for (int seed = 0; seed < 150; seed++) {
      ImportedApi api = generated(seed);
      for (ExportOptions.Format format : ExportOptions.Format.values()) {
        try {
          roundTrip(api, format);
        } catch (AssertionError e) {
          throw new AssertionError("seed " + seed + ", " + format + ": " + e.getMessage(), e);
        }
      }
    }
  }

  private static void roundTrip(ImportedApi api, ExportOptions.Format format) {
    DeployedApi deployed = Deployments.of(api, API);
    byte[] doc =
        OpenApiExporter.render(
            OpenApiExporter.export(
                deployed,
                api.models(),
                api.validators(),
                api.authorizers(),
                new ExportOptions(format, Set.of("apigateway"), "us-east-1", "prod", 0)),
            format == ExportOptions.Format.OAS30);
    ImportedApi back =
        OpenApiImporter.read(doc, API, ImportOptions.DEFAULTS, (kind, name) -> kind + "-" + name);

    assertThat(back.warnings()).isEmpty();
    assertThat(back.name()).isEqualTo(api.name());
    assertThat(back.description()).isEqualTo(api.description());
    assertThat(back.version()).isEqualTo(api.version());
    assertThat(back.binaryMediaTypes()).isEqualTo(api.binaryMediaTypes());
    assertThat(back.minimumCompressionSize()).isEqualTo(api.minimumCompressionSize());
    assertThat(back.apiKeySource()).isEqualTo(api.apiKeySource());
    assertThat(back.policy()).isEqualTo(api.policy());
    assertThat(Boolean.TRUE.equals(back.disableExecuteApiEndpoint()))
        .isEqualTo(Boolean.TRUE.equals(api.disableExecuteApiEndpoint()));
    assertThat(withMethods(back)).isEqualTo(withMethods(api));
    assertThat(byName(back.models())).isEqualTo(byName(api.models()));
    assertThat(back.validators()).containsExactlyInAnyOrderElementsOf(api.validators());
    assertThat(back.authorizers()).containsExactlyInAnyOrderElementsOf(api.authorizers());
    assertThat(back.gatewayResponses()).containsExactlyInAnyOrderElementsOf(api.gatewayResponses());
  }

  @Test
  void thePetStoreRoundTripsInBothFormats() throws Exception {
    ImportedApi pets =
        OpenApiImporter.read(
            OpenApiImporterTest.fixture("petstore-swagger.json"),
            API,
            ImportOptions.DEFAULTS,
            (kind, name) -> kind + "-" + name);
    for (ExportOptions.Format f : ExportOptions.Format.values()) {
      ImportedApi pinned =
          new ImportedApi(
              pets.name(),
              pets.description(),
              "1",
              null,
              null,
              "HEADER",
              null,
              null,
              null,
              pets.resources(),
              pets.models(),
              pets.validators(),
              pets.authorizers(),
              pets.gatewayResponses(),
              List.of());
      roundTrip(pinned, f);
    }
  }

  private static Map<String, Map<String, Method>> withMethods(ImportedApi api) {
    Map<String, Map<String, Method>> out = new TreeMap<>();
    api.resources().stream()
        .filter(r -> !r.methods().isEmpty())
        .forEach(r -> out.put(r.path(), new TreeMap<>(r.methods())));
    return out;
  }

  private static Map<String, Model> byName(List<Model> models) {
    Map<String, Model> out = new TreeMap<>();
    models.forEach(m -> out.put(m.name(), m));
    return out;
  }

  private static final List<String> PATHS =
      List.of("/pets", "/pets/{id}", "/orders", "/orders/{orderId}/items", "/files/{proxy+}", "/");

  /** The API of {@code seed}: a few paths, and settings drawn from the same random source. */
  static ImportedApi generated(int seed) {
    java.util.Random random = new java.util.Random(seed);
    TreeSet<String> paths = new TreeSet<>();
    int n = 1 + random.nextInt(5);
    while (paths.size() < n) {
      paths.add(PATHS.get(random.nextInt(PATHS.size())));
    }
    Integer[] sizes = {null, 0, 1024, 10_485_760};
    return api(
        new ArrayList<>(paths),
        random.nextInt(Integer.MAX_VALUE),
        random.nextBoolean(),
        random.nextBoolean(),
        random.nextBoolean() ? "HEADER" : "AUTHORIZER",
        sizes[random.nextInt(sizes.length)]);
  }

  /** A deterministic API from a seed and the choices made for it. */
  private static ImportedApi api(
      List<String> paths,
      int seed,
      boolean withAuthorizer,
      boolean disabled,
      String keySource,
      Integer compression) {
    java.util.Random random = new java.util.Random(seed);
    List<Authorizer> authorizers =
        withAuthorizer
            ? List.of(
                new Authorizer(
                    "authorizer-tok",
                    "tok",
                    "TOKEN",
                    null,
                    "custom",
                    "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                        + "arn:aws:lambda:us-east-1:123456789012:function:auth/invocations",
                    null,
                    "method.request.header.Authorization",
                    null,
                    300))
            : List.of();
    List<RequestValidator> validators =
        random.nextBoolean()
            ? List.of(new RequestValidator("validator-all", "all", true, true))
            : List.of();
    List<Model> models = new ArrayList<>();
    for (String name : MODELS) {
      String ref = "https://apigateway.amazonaws.com/restapis/" + API + "/models/" + name;
      models.add(
          new Model(
              "model-" + name,
              name,
              null,
              "{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"" + ref + "\"}}}",
              "application/json"));
    }
    List<ImportedApi.ImportedResource> resources = new ArrayList<>();
    for (String path : paths) {
      Map<String, Method> methods = new TreeMap<>();
      for (String verb : List.of("GET", "POST", "ANY", "DELETE")) {
        if (random.nextInt(3) == 0 || (methods.isEmpty() && verb.equals("DELETE"))) {
          methods.put(verb, method(random, verb, path, authorizers, validators));
        }
      }
      resources.add(new ImportedApi.ImportedResource(path, methods));
    }
    if (!paths.contains("/")) {
      resources.add(0, new ImportedApi.ImportedResource("/", Map.of()));
    }
    List<GatewayResponse> gatewayResponses =
        random.nextBoolean()
            ? List.of(
                new GatewayResponse(
                    "MISSING_AUTHENTICATION_TOKEN",
                    "404",
                    Map.of("gatewayresponse.header.x-why", "'none'"),
                    Map.of("application/json", "{\"message\":\"$context.error.messageString\"}"),
                    false))
            : List.of();
    return new ImportedApi(
        "api-" + seed,
        random.nextBoolean() ? "described " + seed : null,
        "v" + random.nextInt(5),
        random.nextBoolean() ? List.of("image/png", "*/*") : null,
        compression,
        keySource,
        random.nextBoolean()
            ? "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\","
                  + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:"
                  + "123456789012:"
                + API
                + "/*\"}]}"
            : null,
        disabled,
        null,
        resources,
        models,
        validators,
        authorizers,
        gatewayResponses,
        List.of());
  }

  private static Method method(
      java.util.Random random,
      String verb,
      String path,
      List<Authorizer> authorizers,
      List<RequestValidator> validators) {
    Map<String, Boolean> params = new LinkedHashMap<>();
    for (String part : path.split("/")) {
      if (part.startsWith("{")) {
        params.put("method.request.path." + part.replaceAll("[{}+]", ""), true);
      }
    }
    if (random.nextBoolean()) {
      params.put("method.request.querystring.limit", random.nextBoolean());
    }
    if (random.nextBoolean()) {
      params.put("method.request.header.x-tenant", random.nextBoolean());
    }
    String model = MODELS.get(random.nextInt(MODELS.size()));
    Map<String, String> requestModels =
        random.nextBoolean() ? Map.of("application/json", model) : null;
    Map<String, MethodResponse> responses = new TreeMap<>();
    responses.put(
        "200",
        new MethodResponse(
            "200",
            random.nextBoolean() ? Map.of("method.response.header.X-Total", false) : null,
            random.nextBoolean() ? Map.of("application/json", model) : null));
    if (random.nextBoolean()) {
      responses.put("404", new MethodResponse("404", null, null));
    }
    String auth = "NONE";
    String authorizerId = null;
    int a = random.nextInt(3);
    if (a == 1 && !authorizers.isEmpty()) {
      auth = "CUSTOM";
      authorizerId = authorizers.get(0).id();
    } else if (a == 2) {
      auth = "AWS_IAM";
    }
    return new Method(
        verb,
        auth,
        authorizerId,
        random.nextBoolean(),
        validators.isEmpty() || random.nextBoolean() ? null : validators.get(0).id(),
        random.nextBoolean() ? "op" + verb + random.nextInt(100) : null,
        params.isEmpty() ? null : params,
        requestModels,
        responses,
        integration(random),
        null);
  }

  private static Integration integration(java.util.Random random) {
    String type = List.of("MOCK", "HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY").get(random.nextInt(5));
    boolean proxy = type.endsWith("_PROXY");
    String uri =
        switch (type) {
          case "MOCK" -> null;
          case "HTTP", "HTTP_PROXY" -> "http://backend.example.com/items/{id}";
          default ->
              "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                  + "arn:aws:lambda:us-east-1:123456789012:function:fn/invocations";
        };
    Map<String, IntegrationResponse> responses = null;
    if (!proxy) {
      responses = new LinkedHashMap<>();
      responses.put(
          "200",
          new IntegrationResponse(
              "200",
              null,
              random.nextBoolean() ? Map.of("method.response.header.X-Total", "'1'") : null,
              random.nextBoolean() ? Map.of("application/json", "{\"ok\":true}") : null,
              null));
      if (random.nextBoolean()) {
        responses.put(
            "404", new IntegrationResponse("404", ".*not found.*", null, null, "CONVERT_TO_TEXT"));
      }
    }
    return new Integration(
        type,
        type.equals("MOCK") ? null : type.startsWith("AWS") ? "POST" : "GET",
        uri,
        type.equals("MOCK") ? null : "INTERNET",
        null,
        type.equals("AWS") ? "arn:aws:iam::123456789012:role/apigw" : null,
        type.equals("HTTP") ? Map.of("integration.request.path.id", "'7'") : null,
        type.equals("MOCK") ? Map.of("application/json", "{\"statusCode\": 200}") : null,
        List.of("WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES").get(random.nextInt(3)),
        null,
        random.nextBoolean() ? Integration.DEFAULT_TIMEOUT_MILLIS : 1000 + random.nextInt(28_000),
        null,
        random.nextBoolean() ? List.of() : List.of("method.request.header.x-tenant"),
        responses);
  }
}
