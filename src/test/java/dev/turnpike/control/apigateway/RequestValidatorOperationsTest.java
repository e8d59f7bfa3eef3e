package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Request validators as recorded against AWS (LocalStack {@code TestApiGatewayApiRequestValidator},
 * spec 11.1).
 */
class RequestValidatorOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;
  String api;
  String root;
  String validators;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    String[] ids = cp.newApi();
    api = ids[0];
    root = ids[1];
    validators = "/restapis/" + api + "/requestvalidators";
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  @Test
  void lifecycle_flagsDefaultFalse_replaceWithoutValueClears() {
    JsonNode v = cp.call("POST", validators, "{\"name\":\"test-validator\"}").ok(201);
    String id = v.get("id").asText();
    assertThat(v.get("validateRequestBody").asBoolean()).isFalse();
    assertThat(v.get("validateRequestParameters").asBoolean()).isFalse();
    assertThat(cp.call("GET", validators + "/" + id).ok(200)).isEqualTo(v);
    assertThat(cp.call("GET", validators).ok(200).get("item").size()).isEqualTo(1);

    JsonNode on =
        cp.call("PATCH", validators + "/" + id, patch("replace", "/validateRequestBody", "true"))
            .ok(200);
    assertThat(on.get("validateRequestBody").asBoolean()).isTrue();
    JsonNode off =
        cp.call("PATCH", validators + "/" + id, patch("replace", "/validateRequestBody", null))
            .ok(200);
    assertThat(off.get("validateRequestBody").asBoolean()).isFalse();

    assertThat(cp.call("DELETE", validators + "/" + id).status()).isEqualTo(202);
    var gone = cp.call("GET", validators + "/" + id);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.message()).isEqualTo("Invalid Request Validator identifier specified");
    assertThat(cp.call("GET", validators).ok(200).path("item").size()).isZero();
  }

  @Test
  void unknownApi_answersAsRecorded() {
    var create = cp.call("POST", "/restapis/api_id/requestvalidators", "{\"name\":\"v\"}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.message()).isEqualTo("Invalid REST API identifier specified");
    var list = cp.call("GET", "/restapis/api_id/requestvalidators");
    assertThat(list.status()).isEqualTo(404);
    assertThat(list.message())
        .isEqualTo("Invalid API identifier specified " + ControlPlaneFixture.ACCOUNT + ":api_id");
    var get = cp.call("GET", "/restapis/api_id/requestvalidators/abc");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.message()).isEqualTo("Invalid Request Validator identifier specified");
    assertThat(cp.call("DELETE", "/restapis/api_id/requestvalidators/abc").message())
        .isEqualTo("Invalid Request Validator identifier specified");
  }

  @Test
  void patchRefusals_useAwsWording() {
    String id = cp.call("POST", validators, "{\"name\":\"v\"}").ok(201).get("id").asText();
    String one = validators + "/" + id;
    assertThat(cp.call("PATCH", one, patch("add", "/validateRequestBody", "true")).message())
        .isEqualTo(
            "Invalid patch path  '/validateRequestBody' specified for op 'add'. Please choose"
                + " supported operations");
    assertThat(cp.call("PATCH", one, patch("remove", "/validateRequestBody", "true")).message())
        .isEqualTo(
            "Invalid patch path  '/validateRequestBody' specified for op 'remove'. Please choose"
                + " supported operations");
    assertThat(cp.call("PATCH", one, patch("replace", "/invalidPath", "true")).message())
        .isEqualTo(
            "Invalid patch path  '/invalidPath' specified for op 'replace'. Must be one of:"
                + " [/name, /validateRequestParameters, /validateRequestBody]");
    var blank = cp.call("PATCH", one, patch("replace", "/name", null));
    assertThat(blank.status()).isEqualTo(400);
    assertThat(blank.message()).isEqualTo("Request Validator name cannot be blank");
  }

  @Test
  void method_takesAndDropsTheValidator() {
    String id =
        cp.call("POST", validators, "{\"name\":\"v\",\"validateRequestParameters\":true}")
            .ok(201)
            .get("id")
            .asText();
    String m = "/restapis/" + api + "/resources/" + root + "/methods/GET";
    JsonNode put =
        cp.call(
                "PUT",
                m,
                "{\"authorizationType\":\"NONE\",\"requestValidatorId\":\""
                    + id
                    + "\",\"requestParameters\":{\"method.request.header.x\":true}}")
            .ok(201);
    assertThat(put.get("requestValidatorId").asText()).isEqualTo(id);
    JsonNode cleared = cp.call("PATCH", m, patch("replace", "/requestValidatorId", "")).ok(200);
    assertThat(cleared.has("requestValidatorId")).isFalse();
  }
}
