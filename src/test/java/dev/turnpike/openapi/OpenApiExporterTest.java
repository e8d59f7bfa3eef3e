package dev.turnpike.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.model.DeployedApi;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spec 10.5: the structure AWS exports (LocalStack's AWS-recorded export snapshots). */
class OpenApiExporterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ImportedApi petStore() throws Exception {
    return OpenApiImporter.read(
        OpenApiImporterTest.fixture("petstore-swagger.json"),
        "abc123",
        ImportOptions.DEFAULTS,
        (k, n) -> k + "-" + n);
  }

  private static ObjectNode export(ImportedApi imp, ExportOptions.Format format, String... ext) {
    DeployedApi d = Deployments.of(imp, "abc123");
    return OpenApiExporter.export(
        d,
        imp.models(),
        imp.validators(),
        imp.authorizers(),
        new ExportOptions(format, Set.of(ext), "us-east-1", "local", 1_765_000_000L));
  }

  @Test
  void swaggerExportOfPetStoreHasTheRecordedShape() throws Exception {
    ObjectNode doc = export(petStore(), ExportOptions.Format.SWAGGER);
    assertThat(doc.fieldNames())
        .toIterable()
        .containsExactly("swagger", "info", "host", "basePath", "schemes", "paths", "definitions");
    assertThat(doc.get("info").toString())
        .isEqualTo(
            "{\"description\":\"The Pet Store example API of Amazon API Gateway, for import"
                + " tests\",\"version\":\"2025-12-06T05:46:40Z\",\"title\":\"PetStore\"}");
    assertThat(doc.get("host").asText()).isEqualTo("abc123.execute-api.us-east-1.amazonaws.com");
    assertThat(doc.get("basePath").asText()).isEqualTo("/local");
    JsonNode listPets = doc.at("/paths/~1pets/get");
    assertThat(listPets.toString())
        .isEqualTo(
            "{\"produces\":[\"application/json\"],\"parameters\":["
                + "{\"name\":\"type\",\"in\":\"query\",\"required\":false,\"type\":\"string\"},"
                + "{\"name\":\"page\",\"in\":\"query\",\"required\":false,\"type\":\"string\"}],"
                + "\"responses\":{\"200\":{\"description\":\"200 response\",\"schema\":"
                + "{\"$ref\":\"#/definitions/Pets\"},\"headers\":{\"Access-Control-Allow-Origin\":"
                + "{\"type\":\"string\"}}}}}");
    assertThat(doc.at("/paths/~1pets/post/parameters/0").toString())
        .isEqualTo(
            "{\"in\":\"body\",\"name\":\"NewPet\",\"required\":true,"
                + "\"schema\":{\"$ref\":\"#/definitions/NewPet\"}}");
    assertThat(doc.at("/paths/~1/get/produces").toString()).isEqualTo("[\"text/html\"]");
    assertThat(doc.at("/paths/~1/get/consumes").toString()).isEqualTo("[\"application/json\"]");
    assertThat(doc.at("/definitions/Pets/items/$ref").asText()).isEqualTo("#/definitions/Pet");
    // No extensions unless asked for.
    assertThat(doc.toString()).doesNotContain("x-amazon-apigateway");
  }

  @Test
  void oas30ExportWithIntegrationsHasTheRecordedShape() throws Exception {
    ObjectNode doc = export(petStore(), ExportOptions.Format.OAS30, "integrations");
    assertThat(doc.get("openapi").asText()).isEqualTo("3.0.1");
    assertThat(doc.get("servers").toString())
        .isEqualTo(
            "[{\"url\":\"https://abc123.execute-api.us-east-1.amazonaws.com/{basePath}\","
                + "\"variables\":{\"basePath\":{\"default\":\"local\"}}}]");
    assertThat(doc.at("/paths/~1pets/get/parameters/0").toString())
        .isEqualTo("{\"name\":\"type\",\"in\":\"query\",\"schema\":{\"type\":\"string\"}}");
    assertThat(doc.at("/paths/~1pets~1{petId}/get/parameters/0").toString())
        .isEqualTo(
            "{\"name\":\"petId\",\"in\":\"path\",\"required\":true,\"schema\":{\"type\":\"string\"}}");
    assertThat(doc.at("/paths/~1pets/post/requestBody").toString())
        .isEqualTo(
            "{\"content\":{\"application/json\":{\"schema\":{\"$ref\":"
                + "\"#/components/schemas/NewPet\"}}},\"required\":true}");
    assertThat(doc.at("/paths/~1/get/responses/200").toString())
        .isEqualTo(
            "{\"description\":\"200 response\",\"headers\":{\"Content-Type\":{\"schema\":"
                + "{\"type\":\"string\"}}},\"content\":{}}");
    JsonNode integration = doc.at("/paths/~1pets/get/x-amazon-apigateway-integration");
    assertThat(integration.get("type").asText()).isEqualTo("http");
    assertThat(integration.get("passthroughBehavior").asText()).isEqualTo("when_no_match");
    assertThat(integration.at("/responses/default/statusCode").asText()).isEqualTo("200");
    assertThat(integration.has("timeoutInMillis")).isFalse();
    assertThat(doc.at("/components/schemas/NewPet/properties/type/$ref").asText())
        .isEqualTo("#/components/schemas/PetType");
  }

  @Test
  void emptyComponentsAndYamlRendering() throws Exception {
    String doc =
        "{\"swagger\":\"2.0\",\"info\":{\"title\":\"t\",\"version\":\"1.0.0\"},"
            + "\"paths\":{\"/a\":{\"get\":{\"responses\":{\"200\":{\"description\":\"x\"}}}}}}";
    ImportedApi imp =
        OpenApiImporter.read(
            doc.getBytes(StandardCharsets.UTF_8), "abc123", ImportOptions.DEFAULTS, (k, n) -> n);
    ObjectNode out = export(imp, ExportOptions.Format.OAS30);
    assertThat(out.get("components").toString()).isEqualTo("{}");
    String yaml = new String(OpenApiExporter.render(out, true), StandardCharsets.UTF_8);
    assertThat(yaml).startsWith("---\nopenapi: \"3.0.1\"\n").contains("  version: \"1.0.0\"\n");
    assertThat(JSON.readTree(OpenApiExporter.render(out, false))).isEqualTo(out);
  }
}
