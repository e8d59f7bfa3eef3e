package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MethodOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;
  String api;
  String root;
  String m;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    String[] ids = cp.newApi();
    api = ids[0];
    root = ids[1];
    m = "/restapis/" + api + "/resources/" + root + "/methods/GET";
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  @Test
  void putMethod_minimal_returns201WithAwsMembers() {
    // LocalStack snapshot test_method_lifecycle (recorded against AWS): apiKeyRequired false is always present.
    JsonNode body = cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    assertThat(body.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(body.get("authorizationType").asText()).isEqualTo("NONE");
    assertThat(body.get("apiKeyRequired").asBoolean()).isFalse();
    assertThat(cp.call("GET", m).ok(200)).isEqualTo(body);
  }

  @Test
  void putMethod_existingMethod_replacesItWhole() {
    cp.mockMethod(api, root);
    JsonNode body = cp.call("PUT", m, "{\"authorizationType\":\"AWS_IAM\",\"apiKeyRequired\":true,"
        + "\"requestParameters\":{\"method.request.querystring.q\":true}}").ok(201);
    assertThat(body.has("methodIntegration")).isFalse();
    JsonNode got = cp.call("GET", m).ok(200);
    assertThat(got.get("authorizationType").asText()).isEqualTo("AWS_IAM");
    assertThat(got.get("requestParameters").get("method.request.querystring.q").asBoolean()).isTrue();
    assertThat(got.has("methodIntegration")).isFalse();
  }

  @Test
  void putMethod_unknownHttpMethod_returnsBadRequest() {
    // LocalStack snapshot test_put_method_validation "wrong-method".
    var r = cp.call("PUT", "/restapis/" + api + "/resources/" + root + "/methods/TRACE", "{\"authorizationType\":\"NONE\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
  }

  @Test
  void putMethod_customWithoutAuthorizer_returnsBadRequest() {
    // LocalStack snapshot test_put_method_validation "missing-authorizer-id".
    var r = cp.call("PUT", m, "{\"authorizationType\":\"CUSTOM\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).startsWith("Invalid authorizer ID specified.");
  }

  @Test
  void putMethod_unknownAuthorizationType_returnsBadRequest() {
    assertThat(cp.call("PUT", m, "{\"authorizationType\":\"BASIC\"}").status()).isEqualTo(400);
  }

  @Test
  void putMethod_unknownResource_returnsNotFound() {
    var r = cp.call("PUT", "/restapis/" + api + "/resources/nope/methods/GET", "{\"authorizationType\":\"NONE\"}");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("Invalid Resource identifier specified");
  }

  @Test
  void getMethod_missing_returnsNotFound() {
    var r = cp.call("GET", m);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorType()).isEqualTo("NotFoundException");
    assertThat(r.message()).isEqualTo("Invalid Method identifier specified");
  }

  @Test
  void updateMethod_patches_applyToScalarsAndMaps() {
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    cp.call("PATCH", m, patch("add", "/requestParameters/method.request.querystring.optional", "true")).ok(200);
    cp.call("PATCH", m, patch("add", "/requestModels/application~1json", "Empty")).ok(200);
    cp.call("PATCH", m, patch("replace", "/apiKeyRequired", "true")).ok(200);
    JsonNode body = cp.call("PATCH", m, patch("replace", "/operationName", "ListPets")).ok(200);
    assertThat(body.get("requestParameters").get("method.request.querystring.optional").asBoolean()).isTrue();
    assertThat(body.get("requestModels").get("application/json").asText()).isEqualTo("Empty");
    assertThat(body.get("apiKeyRequired").asBoolean()).isTrue();
    assertThat(body.get("operationName").asText()).isEqualTo("ListPets");
    body = cp.call("PATCH", m, patch("remove", "/requestParameters/method.request.querystring.optional", null)).ok(200);
    assertThat(body.has("requestParameters")).isFalse();
  }

  @Test
  void updateMethod_unknownPath_returnsBadRequest() {
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    assertThat(cp.call("PATCH", m, patch("replace", "/httpMethod", "POST")).status()).isEqualTo(400);
  }

  @Test
  void deleteMethod_existing_returns204ThenNotFound() {
    // LocalStack snapshot test_method_lifecycle: 204, then 404 on a second delete.
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    assertThat(cp.call("DELETE", m).status()).isEqualTo(204);
    assertThat(cp.call("DELETE", m).status()).isEqualTo(404);
    assertThat(cp.call("GET", "/restapis/" + api + "/resources/" + root).ok(200).has("resourceMethods")).isFalse();
  }
}
