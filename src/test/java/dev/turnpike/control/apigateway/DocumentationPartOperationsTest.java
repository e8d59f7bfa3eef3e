package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documentation parts as LocalStack recorded them against AWS ({@code
 * TestApiGatewayApiDocumentationPart}: test_doc_parts_crud_no_api,
 * test_documentation_part_lifecycle, test_invalid_*).
 */
class DocumentationPartOperationsTest {
  private static final String API_DOC =
      "{\"location\":{\"type\":\"API\"},"
          + "\"properties\":\"{\\\"description\\\":\\\"Sample API description\\\"}\"}";

  @TempDir Path dir;
  ControlPlaneFixture cp;
  String parts;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    parts = "/restapis/" + cp.newApi()[0] + "/documentation/parts";
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  @Test
  void lifecycle_createGetListUpdateDelete() {
    var created = cp.call("POST", parts, API_DOC).ok(201);
    String id = created.get("id").asText();
    assertThat(created.get("location").toString()).isEqualTo("{\"type\":\"API\"}");
    assertThat(created.get("properties").asText())
        .isEqualTo("{\"description\":\"Sample API description\"}");
    assertThat(cp.call("GET", parts + "/" + id).ok(200)).isEqualTo(created);
    assertThat(cp.call("GET", parts).ok(200).get("item").get(0)).isEqualTo(created);
    var updated =
        cp.call(
                "PATCH",
                parts + "/" + id,
                patch("replace", "/properties", "{\\\"description\\\":\\\"Updated\\\"}"))
            .ok(200);
    assertThat(updated.get("properties").asText()).isEqualTo("{\"description\":\"Updated\"}");
    assertThat(cp.call("DELETE", parts + "/" + id).status()).isEqualTo(202);
    var again = cp.call("DELETE", parts + "/" + id);
    assertThat(again.status()).isEqualTo(404);
    assertThat(again.message()).isEqualTo("Invalid Documentation part identifier specified");
  }

  @Test
  void unknownApi_awsAnswers() {
    String fake = "/restapis/api_id/documentation/parts";
    String notFound = "Invalid API identifier specified " + ControlPlaneFixture.ACCOUNT + ":api_id";
    assertThat(cp.call("POST", fake, API_DOC).message()).isEqualTo(notFound);
    assertThat(cp.call("GET", fake).message()).isEqualTo(notFound);
    assertThat(cp.call("DELETE", fake + "/abc").message()).isEqualTo(notFound);
    var get = cp.call("GET", fake + "/abc");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.errorType()).isEqualTo("NotFoundException");
    assertThat(get.message()).isEqualTo("Invalid Documentation part identifier specified");
    assertThat(cp.call("PATCH", fake + "/abc", patch("replace", "/properties", "{}")).message())
        .isEqualTo("Invalid Documentation part identifier specified");
  }

  @Test
  void invalidLocationTypeAndPatches_awsAnswers() {
    var bad = cp.call("POST", parts, "{\"location\":{\"type\":\"INVALID\"},\"properties\":\"{}\"}");
    assertThat(bad.errorType()).isEqualTo("ValidationException");
    assertThat(bad.message())
        .isEqualTo(
            "1 validation error detected: Value 'INVALID' at"
                + " 'createDocumentationPartInput.location.type' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [RESPONSE_BODY, RESPONSE, METHOD, MODEL,"
                + " AUTHORIZER, RESPONSE_HEADER, RESOURCE, PATH_PARAMETER, REQUEST_BODY,"
                + " QUERY_PARAMETER, API, REQUEST_HEADER]");
    String id = cp.call("POST", parts, API_DOC).ok(201).get("id").asText();
    assertThat(cp.call("PATCH", parts + "/" + id, patch("add", "/properties", "{}")).message())
        .isEqualTo(
            "Invalid patch path  '/properties' specified for op 'add'. Please choose supported"
                + " operations");
    assertThat(cp.call("PATCH", parts + "/" + id, patch("replace", "/invalidPath", "x")).message())
        .isEqualTo(
            "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of:"
                + " [/properties]");
  }
}
