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
    // LocalStack snapshot test_method_lifecycle (recorded against AWS): apiKeyRequired false is
    // always present.
    JsonNode body = cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    assertThat(body.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(body.get("authorizationType").asText()).isEqualTo("NONE");
    assertThat(body.get("apiKeyRequired").asBoolean()).isFalse();
    assertThat(cp.call("GET", m).ok(200)).isEqualTo(body);
  }

  @Test
  void putMethod_existingMethod_replacesItWhole() {
    cp.mockMethod(api, root);
    JsonNode body =
        cp.call(
                "PUT",
                m,
                "{\"authorizationType\":\"AWS_IAM\",\"apiKeyRequired\":true,"
                    + "\"requestParameters\":{\"method.request.querystring.q\":true}}")
            .ok(201);
    assertThat(body.has("methodIntegration")).isFalse();
    JsonNode got = cp.call("GET", m).ok(200);
    assertThat(got.get("authorizationType").asText()).isEqualTo("AWS_IAM");
    assertThat(got.get("requestParameters").get("method.request.querystring.q").asBoolean())
        .isTrue();
    assertThat(got.has("methodIntegration")).isFalse();
  }

  @Test
  void putMethod_unknownHttpMethod_returnsBadRequest() {
    // LocalStack snapshot test_put_method_validation "wrong-method".
    var r =
        cp.call(
            "PUT",
            "/restapis/" + api + "/resources/" + root + "/methods/TRACE",
            "{\"authorizationType\":\"NONE\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message())
        .isEqualTo(
            "Invalid HttpMethod specified. Valid options are"
                + " GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
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
    var r =
        cp.call(
            "PUT",
            "/restapis/" + api + "/resources/nope/methods/GET",
            "{\"authorizationType\":\"NONE\"}");
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
    cp.call(
            "PATCH",
            m,
            patch("add", "/requestParameters/method.request.querystring.optional", "true"))
        .ok(200);
    cp.call("PATCH", m, patch("add", "/requestModels/application~1json", "Empty")).ok(200);
    cp.call("PATCH", m, patch("replace", "/apiKeyRequired", "true")).ok(200);
    JsonNode body = cp.call("PATCH", m, patch("replace", "/operationName", "ListPets")).ok(200);
    assertThat(body.get("requestParameters").get("method.request.querystring.optional").asBoolean())
        .isTrue();
    assertThat(body.get("requestModels").get("application/json").asText()).isEqualTo("Empty");
    assertThat(body.get("apiKeyRequired").asBoolean()).isTrue();
    assertThat(body.get("operationName").asText()).isEqualTo("ListPets");
    body =
        cp.call(
                "PATCH",
                m,
                patch("remove", "/requestParameters/method.request.querystring.optional", null))
            .ok(200);
    assertThat(body.has("requestParameters")).isFalse();
  }

  @Test
  void updateMethod_unknownPath_returnsBadRequest() {
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    assertThat(cp.call("PATCH", m, patch("replace", "/httpMethod", "POST")).status())
        .isEqualTo(400);
  }

  @Test
  void deleteMethod_existing_returns204ThenNotFound() {
    // LocalStack snapshot test_method_lifecycle: 204, then 404 on a second delete.
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    assertThat(cp.call("DELETE", m).status()).isEqualTo(204);
    assertThat(cp.call("DELETE", m).status()).isEqualTo(404);
    assertThat(
            cp.call("GET", "/restapis/" + api + "/resources/" + root)
                .ok(200)
                .has("resourceMethods"))
        .isFalse();
  }

  @Test
  void updateMethod_addOnScalar_badRequestReplaceOnly() {
    // LocalStack snapshot test_update_method_validation "unsupported-operation" (recorded against
    // AWS).
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    var r = cp.call("PATCH", m, patch("add", "/operationName", "x"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message())
        .isEqualTo("Invalid patch operation specified. Must be one of: [replace]");
    assertThat(cp.call("PATCH", m, patch("add", "/httpMethod", "PUT")).message())
        .isEqualTo("Invalid patch path /httpMethod");
    assertThat(
            cp.call("PATCH", m, patch("add", "/requestModels/application/json", "Empty")).message())
        .isEqualTo("Invalid patch path /requestModels/application/json");
  }

  @Test
  void updateMethod_apiKeyRequiredNotABoolean_acceptedAsFalse() {
    // LocalStack snapshot test_update_method_validation "wrong-value-type".
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\",\"apiKeyRequired\":true}").ok(201);
    assertThat(
            cp.call("PATCH", m, patch("replace", "/apiKeyRequired", "whatever"))
                .ok(200)
                .get("apiKeyRequired")
                .asBoolean())
        .isFalse();
  }

  @Test
  void updateMethodResponse_missingEntries_notFound() {
    // LocalStack snapshots test_update_method_wrong_param_names,
    // test_update_method_lack_response_parameters_and_models.
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    String mr = m + "/responses/200";
    cp.call("PUT", mr, "{}").ok(201);
    var r =
        cp.call("PATCH", mr, patch("remove", "/responseParameters/method.response.header.x", null));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorType()).isEqualTo("NotFoundException");
    assertThat(r.message()).isEqualTo("Invalid parameter name specified");
    assertThat(
            cp.call("PATCH", mr, patch("replace", "/responseModels/application~1json", "Empty"))
                .message())
        .isEqualTo("Content-Type specified was not found");
    assertThat(
            cp.call("PATCH", mr, patch("add", "/wrong/method.response.header.x", "true")).message())
        .isEqualTo("Invalid patch path /wrong/method.response.header.x");
    JsonNode added =
        cp.call("PATCH", mr, patch("add", "/responseParameters/method.response.header.x", "true"))
            .ok(201);
    assertThat(added.get("responseParameters").get("method.response.header.x").asBoolean())
        .isTrue();
    JsonNode removed =
        cp.call("PATCH", mr, patch("remove", "/responseParameters/method.response.header.x", null))
            .ok(201);
    assertThat(removed.has("responseParameters")).isFalse();
  }

  @Test
  void putMethod_authorizationTypeInAnyCase_acceptedAsNone() {
    for (String type : new String[] {"none", "None"}) {
      JsonNode body = cp.call("PUT", m, "{\"authorizationType\":\"" + type + "\"}").ok(201);
      assertThat(body.get("authorizationType").asText()).isEqualTo("NONE");
    }
    JsonNode upd = cp.call("PATCH", m, patch("replace", "/authorizationType", "aws_iam")).ok(200);
    assertThat(upd.get("authorizationType").asText()).isEqualTo("AWS_IAM");
  }

  @Test
  void putMethod_sameParameterNameInTwoLocations_badRequest() {
    // LocalStack snapshot test_method_request_parameters "req-params-same-name".
    var r =
        cp.call(
            "PUT",
            m,
            "{\"authorizationType\":\"NONE\",\"requestParameters\":{"
                + "\"method.request.querystring.q\":true,\"method.request.header.q\":false}}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("BadRequestException");
    assertThat(r.message())
        .isEqualTo("Parameter names must be unique across querystring, header and path");
  }

  @Test
  void updateMethod_badOp_validationExceptionNamingUpdateMethodInput() {
    cp.mockMethod(api, root);
    var r = cp.call("PATCH", m, patch("wrong", "/apiKeyRequired", "true"));
    assertThat(r.errorType()).isEqualTo("ValidationException");
    assertThat(r.message())
        .isEqualTo(
            "1 validation error detected: Value 'wrong' at"
                + " 'updateMethodInput.patchOperations.1.member.op' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [add, remove, move, test, replace, copy]");
  }
}
