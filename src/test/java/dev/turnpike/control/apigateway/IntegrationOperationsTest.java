package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Integration, integration-response and method-response operations. */
class IntegrationOperationsTest {
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
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  @Test
  void putIntegration_httpProxy_fillsAwsDefaults() {
    // LocalStack snapshot test_create_integration_with_vpc_link: timeout 29000, WHEN_NO_MATCH,
    // cacheKeyParameters [].
    JsonNode i =
        cp.call(
                "PUT",
                m + "/integration",
                "{\"type\":\"HTTP_PROXY\",\"httpMethod\":\"get\","
                    + "\"uri\":\"https://${stageVariables.host}/pets/{id}\"}")
            .ok(201);
    assertThat(i.get("type").asText()).isEqualTo("HTTP_PROXY");
    assertThat(i.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(i.get("timeoutInMillis").asInt()).isEqualTo(29000);
    assertThat(i.get("passthroughBehavior").asText()).isEqualTo("WHEN_NO_MATCH");
    assertThat(i.get("connectionType").asText()).isEqualTo("INTERNET");
    assertThat(i.get("cacheNamespace").asText()).isEqualTo(root);
    assertThat(i.get("cacheKeyParameters")).isEmpty();
    assertThat(cp.call("GET", m + "/integration").ok(200)).isEqualTo(i);
    assertThat(cp.call("GET", m).ok(200).get("methodIntegration")).isEqualTo(i);
  }

  @Test
  void putIntegration_httpWithoutMethod_returnsBadRequest() {
    var r =
        cp.call("PUT", m + "/integration", "{\"type\":\"HTTP\",\"uri\":\"https://example.com\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("Enumeration value for HttpMethod must be non-empty");
  }

  @Test
  void putIntegration_relativeUri_returnsBadRequest() {
    var r =
        cp.call(
            "PUT",
            m + "/integration",
            "{\"type\":\"HTTP\",\"httpMethod\":\"GET\",\"uri\":\"/pets\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).isEqualTo("Invalid HTTP endpoint specified for URI");
  }

  @Test
  void putIntegration_timeoutOutOfRange_returnsBadRequest() {
    var r = cp.call("PUT", m + "/integration", "{\"type\":\"MOCK\",\"timeoutInMillis\":29001}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message())
        .isEqualTo("Integration timeout must be between 50 milliseconds and 29 seconds.");
    assertThat(
            cp.call("PUT", m + "/integration", "{\"type\":\"MOCK\",\"timeoutInMillis\":49}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void putIntegration_unknownType_returnsValidationException() {
    // LocalStack snapshot test_put_integration_wrong_type.
    var r = cp.call("PUT", m + "/integration", "{\"type\":\"HTTPS_PROXY\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("ValidationException");
  }

  @Test
  void getIntegration_none_returnsNotFound() {
    // LocalStack snapshot test_get_integration_non_existent "get-integration-no-integration".
    var r = cp.call("GET", m + "/integration");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("Invalid Integration identifier specified");
  }

  @Test
  void updateIntegration_patches_changeUriTimeoutAndTemplates() {
    cp.call(
            "PUT",
            m + "/integration",
            "{\"type\":\"HTTP\",\"httpMethod\":\"GET\",\"uri\":\"http://a.example/\"}")
        .ok(201);
    cp.call("PATCH", m + "/integration", patch("replace", "/uri", "http://b.example/x")).ok(200);
    cp.call("PATCH", m + "/integration", patch("replace", "/timeoutInMillis", "1000")).ok(200);
    JsonNode i =
        cp.call(
                "PATCH",
                m + "/integration",
                patch("add", "/requestTemplates/application~1json", "{}"))
            .ok(200);
    assertThat(i.get("uri").asText()).isEqualTo("http://b.example/x");
    assertThat(i.get("timeoutInMillis").asInt()).isEqualTo(1000);
    assertThat(i.get("requestTemplates").get("application/json").asText()).isEqualTo("{}");
    assertThat(cp.call("PATCH", m + "/integration", patch("replace", "/uri", "nope")).status())
        .isEqualTo(400);
  }

  @Test
  void deleteIntegration_existing_returns204() {
    cp.mockMethod(api, root);
    assertThat(cp.call("DELETE", m + "/integration").status()).isEqualTo(204);
    assertThat(cp.call("GET", m + "/integration").status()).isEqualTo(404);
  }

  @Test
  void methodResponse_lifecycle_usesModelStatusCodes() {
    // LocalStack snapshot test_lifecycle_method_response: Put 201 with empty maps; Update answers
    // 201 as the model says.
    JsonNode mr = cp.call("PUT", m + "/responses/200", "").ok(201);
    assertThat(mr.get("statusCode").asText()).isEqualTo("200");
    assertThat(mr.get("responseParameters")).isEmpty();
    JsonNode updated =
        cp.call(
                "PATCH",
                m + "/responses/200",
                patch("add", "/responseParameters/method.response.header.X-Id", "true"))
            .ok(201);
    assertThat(updated.get("responseParameters").get("method.response.header.X-Id").asBoolean())
        .isTrue();
    assertThat(cp.call("GET", m + "/responses/200").ok(200)).isEqualTo(updated);
    assertThat(cp.call("DELETE", m + "/responses/200").status()).isEqualTo(204);
    assertThat(cp.call("GET", m + "/responses/200").message())
        .isEqualTo("Invalid Response status code specified");
  }

  @Test
  void putMethodResponse_badStatusCode_returnsValidationException() {
    var r = cp.call("PUT", m + "/responses/99", "");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("ValidationException");
  }

  @Test
  void putIntegrationResponse_withMethodResponse_returns201() {
    cp.mockMethod(api, root);
    cp.call("PUT", m + "/responses/200", "").ok(201);
    JsonNode ir =
        cp.call(
                "PUT",
                m + "/integration/responses/200",
                "{\"selectionPattern\":\"\",\"responseTemplates\":{\"application/json\":\"ok\"}}")
            .ok(201);
    assertThat(ir.get("statusCode").asText()).isEqualTo("200");
    assertThat(ir.get("selectionPattern").asText()).isEmpty();
    JsonNode upd =
        cp.call(
                "PATCH",
                m + "/integration/responses/200",
                patch("replace", "/selectionPattern", "2\\\\d{2}"))
            .ok(200);
    assertThat(upd.get("selectionPattern").asText()).isEqualTo("2\\d{2}");
    assertThat(cp.call("GET", m + "/integration").ok(200).get("integrationResponses").get("200"))
        .isEqualTo(upd);
    assertThat(cp.call("DELETE", m + "/integration/responses/200").status()).isEqualTo(204);
  }

  @Test
  void putIntegrationResponse_withoutMethodResponse_returns201() {
    // AWS, as LocalStack's AWS-validated tests recorded it, creates it without a method response.
    cp.mockMethod(api, root);
    var r = cp.call("PUT", m + "/integration/responses/201", "{}");
    assertThat(r.ok(201).toString()).isEqualTo("{\"statusCode\":\"201\"}");
    assertThat(cp.call("GET", m + "/integration/responses/201").ok(200).toString())
        .isEqualTo("{\"statusCode\":\"201\"}");
  }

  @Test
  void deleteIntegrationResponse_missingMethod_returnsIntegrationNotFound() {
    // LocalStack snapshot test_delete_integration_response_errors "non-existent-method".
    var r =
        cp.call(
            "DELETE",
            "/restapis/" + api + "/resources/" + root + "/methods/POST/integration/responses/200");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("Invalid Integration identifier specified");
  }

  @Test
  void putIntegration_booleanOrNumberWhereAStringBelongs_serializationException() {
    // LocalStack snapshots put-integration-request-param-bool-value and
    // put-integration-response-invalid-responseTemplates-1 (recorded against AWS).
    cp.mockMethod(api, root);
    var bool =
        cp.call(
            "PUT",
            m + "/integration",
            "{\"type\":\"MOCK\",\"requestParameters\":{\"integration.request.header.x\":true}}");
    assertThat(bool.status()).isEqualTo(400);
    assertThat(bool.errorType()).isEqualTo("SerializationException");
    assertThat(bool.message())
        .isEqualTo("class java.lang.Boolean can not be converted to an String");
    var number =
        cp.call(
            "PUT",
            m + "/integration/responses/200",
            "{\"responseTemplates\":{\"application/json\":123}}");
    assertThat(number.errorType()).isEqualTo("SerializationException");
    assertThat(number.message())
        .isEqualTo(
            "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted"
                + " to an String");
  }

  @Test
  void updateMethodResponse_badOpsAndStatusCode_oneValidationExceptionNamingAll() {
    // LocalStack snapshots update-method-response-wrong-operation-5 and
    // update-method-response-invalid-statuscode-and-wrong-op (recorded against AWS).
    cp.mockMethod(api, root);
    cp.call("PUT", m + "/responses/200", "").ok(201);
    String op =
        "Value 'wrong_op' at 'updateMethodResponseInput.patchOperations.%d.member.op' failed to"
            + " satisfy constraint: Member must satisfy enum value set: [add, remove, move, test,"
            + " replace, copy]";
    String ops =
        "{\"patchOperations\":[{\"op\":\"wrong_op\",\"path\":\"/a\"},"
            + "{\"op\":\"add\",\"path\":\"/responseModels/application~1json\",\"value\":\"Empty\"},"
            + "{\"op\":\"wrong_op\",\"path\":\"/b\"}]}";
    var two = cp.call("PATCH", m + "/responses/200", ops);
    assertThat(two.errorType()).isEqualTo("ValidationException");
    assertThat(two.message())
        .isEqualTo("2 validation errors detected: " + op.formatted(1) + "; " + op.formatted(3));
    var withStatus =
        cp.call("PATCH", m + "/responses/wrong", patch("wrong_op", "/responseModels/x", "y"));
    assertThat(withStatus.message())
        .isEqualTo(
            "2 validation errors detected: "
                + op.formatted(1)
                + "; Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must"
                + " satisfy regular expression pattern: [1-5]\\d\\d");
    assertThat(cp.call("GET", m + "/responses/wrong").message())
        .isEqualTo(
            "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d");
  }
}
