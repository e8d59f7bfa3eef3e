package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayResponseOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;
  String base;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    base = "/restapis/" + cp.newApi()[0] + "/gatewayresponses";
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private Map<String, JsonNode> all() {
    Map<String, JsonNode> out = new HashMap<>();
    cp.call("GET", base, "", Map.of("limit", List.of("500")))
        .ok(200)
        .get("item")
        .forEach(i -> out.put(i.get("responseType").asText(), i));
    return out;
  }

  @Test
  void getGatewayResponses_fresh_listsEveryTypeWithDefaults() {
    // Spec 1.4 / LocalStack snapshot test_gateway_response_crud "get-gateway-responses".
    Map<String, JsonNode> all = all();
    assertThat(all).hasSize(21);
    JsonNode token = all.get("MISSING_AUTHENTICATION_TOKEN");
    assertThat(token.get("statusCode").asText()).isEqualTo("403");
    assertThat(token.get("defaultResponse").asBoolean()).isTrue();
    assertThat(token.get("responseParameters")).isEmpty();
    assertThat(token.get("responseTemplates").get("application/json").asText())
        .isEqualTo("{\"message\":$context.error.messageString}");
    assertThat(all.get("DEFAULT_4XX").has("statusCode")).isFalse();
    assertThat(all.get("INTEGRATION_TIMEOUT").get("statusCode").asText()).isEqualTo("504");
    assertThat(all.get("UNAUTHORIZED").get("statusCode").asText()).isEqualTo("401");
  }

  @Test
  void putGatewayResponse_default5xx_inheritedByUncustomized5xxTypes() {
    // Spec 1.4 / LocalStack snapshot test_gateway_response_put (recorded against AWS).
    cp.call(
            "PUT",
            base + "/AUTHORIZER_FAILURE",
            "{\"responseParameters\":{\"gatewayresponse.header.foo\":\"'bar'\"}}")
        .ok(201);
    JsonNode d5 =
        cp.call(
                "PUT",
                base + "/DEFAULT_5XX",
                "{\"statusCode\":\"599\",\"responseParameters\":{\"gatewayresponse.header.x\":\"method.request.header.Accept\"}}")
            .ok(201);
    assertThat(d5.get("defaultResponse").asBoolean()).isFalse();
    Map<String, JsonNode> all = all();
    for (String t :
        List.of(
            "INTEGRATION_TIMEOUT",
            "INTEGRATION_FAILURE",
            "API_CONFIGURATION_ERROR",
            "AUTHORIZER_CONFIGURATION_ERROR")) {
      assertThat(all.get(t).get("statusCode").asText()).as(t).isEqualTo("599");
      assertThat(all.get(t).get("defaultResponse").asBoolean()).as(t).isTrue();
      assertThat(all.get(t).get("responseParameters").has("gatewayresponse.header.x"))
          .as(t)
          .isTrue();
    }
    assertThat(all.get("AUTHORIZER_FAILURE").get("statusCode").asText()).isEqualTo("500");
    assertThat(all.get("AUTHORIZER_FAILURE").get("defaultResponse").asBoolean()).isFalse();
    assertThat(all.get("THROTTLED").get("statusCode").asText()).isEqualTo("429");
    assertThat(cp.call("GET", base + "/INTEGRATION_TIMEOUT").ok(200).get("statusCode").asText())
        .isEqualTo("599");
  }

  @Test
  void putGatewayResponse_withoutStatus_takesTypeDefault() {
    // LocalStack snapshot test_gateway_response_put
    // "put-gateway-response-response-parameters-only".
    JsonNode gr =
        cp.call(
                "PUT",
                base + "/MISSING_AUTHENTICATION_TOKEN",
                "{\"responseParameters\":{\"gatewayresponse.header.a\":\"'b'\"}}")
            .ok(201);
    assertThat(gr.get("statusCode").asText()).isEqualTo("403");
    assertThat(gr.get("responseTemplates").get("application/json").asText())
        .isEqualTo(GatewayResponseDefaults.DEFAULT_TEMPLATE);
  }

  @Test
  void putGatewayResponse_unknownType_returnsEnumValidationError() {
    // LocalStack snapshot test_gateway_response_validation
    // "put-gateway-response-wrong-response-type".
    var r = cp.call("PUT", base + "/FAKE_RESPONSE_TYPE", "{}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("ValidationException");
    assertThat(r.message()).contains("Member must satisfy enum value set: [REQUEST_TOO_LARGE");
  }

  @Test
  void deleteGatewayResponse_set_returns202AndRestoresDefault() {
    cp.call("PUT", base + "/MISSING_AUTHENTICATION_TOKEN", "{\"statusCode\":\"404\"}").ok(201);
    assertThat(cp.call("DELETE", base + "/MISSING_AUTHENTICATION_TOKEN").status()).isEqualTo(202);
    JsonNode gr = cp.call("GET", base + "/MISSING_AUTHENTICATION_TOKEN").ok(200);
    assertThat(gr.get("statusCode").asText()).isEqualTo("403");
    assertThat(gr.get("defaultResponse").asBoolean()).isTrue();
  }

  @Test
  void deleteGatewayResponse_unset_returnsNotFound() {
    var r = cp.call("DELETE", base + "/THROTTLED");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message()).isEqualTo("Gateway response type not defined on api");
  }

  @Test
  void updateGatewayResponse_notSet_customizesFromDefault() {
    // LocalStack snapshot test_update_gateway_response "update-gateway-response-not-set".
    JsonNode gr =
        cp.call("PATCH", base + "/DEFAULT_4XX", patch("replace", "/statusCode", "444")).ok(200);
    assertThat(gr.get("statusCode").asText()).isEqualTo("444");
    assertThat(gr.get("defaultResponse").asBoolean()).isFalse();
    gr =
        cp.call(
                "PATCH",
                base + "/DEFAULT_4XX",
                patch(
                    "add",
                    "/responseTemplates/application~1xml",
                    "<m>$context.error.messageString</m>"))
            .ok(200);
    assertThat(gr.get("responseTemplates").get("application/xml").asText()).startsWith("<m>");
    assertThat(all().get("THROTTLED").get("statusCode").asText()).isEqualTo("444");
    assertThat(
            cp.call("PATCH", base + "/DEFAULT_4XX", patch("add", "/statusCode", "400")).message())
        .isEqualTo("Invalid patch path /statusCode");
  }
}
