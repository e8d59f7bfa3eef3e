package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CreateRestApi, GetRestApi(s) and UpdateRestApi as LocalStack recorded them against AWS
 * (TestApiGatewayApiRestApi: test_list_and_delete_apis, test_create_rest_api_with_optional_params,
 * test_update_rest_api_operation_add_remove, _compression, _behaviour).
 */
class RestApiOperationsTest {
  @TempDir Path dir;
  ControlPlaneFixture cp;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private String newApi() {
    return cp.call("POST", "/restapis", "{\"name\":\"pets\",\"description\":\"this is my api\"}")
        .ok(201)
        .get("id")
        .asText();
  }

  @Test
  void createGetList_alwaysCarryIpAddressTypeAndDefaults() {
    var created = cp.call("POST", "/restapis", "{\"name\":\"pets\"}").ok(201);
    assertThat(created.get("endpointConfiguration").toString())
        .isEqualTo("{\"types\":[\"EDGE\"],\"ipAddressType\":\"ipv4\"}");
    assertThat(created.get("apiKeySource").asText()).isEqualTo("HEADER");
    assertThat(created.get("disableExecuteApiEndpoint").asBoolean()).isFalse();
    assertThat(created.has("tags")).isFalse();
    String id = created.get("id").asText();
    assertThat(
            cp.call("GET", "/restapis/" + id)
                .ok(200)
                .path("endpointConfiguration")
                .path("ipAddressType")
                .asText())
        .isEqualTo("ipv4");
    assertThat(
            cp.call("GET", "/restapis")
                .ok(200)
                .path("item")
                .get(0)
                .path("endpointConfiguration")
                .path("ipAddressType")
                .asText())
        .isEqualTo("ipv4");
  }

  @Test
  void createPrivate_ipAddressTypeDualstack() {
    var created =
        cp.call(
                "POST",
                "/restapis",
                "{\"name\":\"p\",\"endpointConfiguration\":{\"types\":[\"PRIVATE\"]}}")
            .ok(201);
    assertThat(created.path("endpointConfiguration").path("ipAddressType").asText())
        .isEqualTo("dualstack");
  }

  @Test
  void createEmptyDescription_badRequest() {
    var r = cp.call("POST", "/restapis", "{\"name\":\"pets\",\"description\":\"\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("BadRequestException");
    assertThat(r.message()).isEqualTo("Description cannot be an empty string");
  }

  @Test
  void createCompressionOutOfRangeOrString_badRequest() {
    for (String v : new String[] {"\"v1\"", "-1", "10485761"}) {
      var r = cp.call("POST", "/restapis", "{\"name\":\"p\",\"minimumCompressionSize\":" + v + "}");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.message())
          .isEqualTo("Invalid minimum compression size, must be between 0 and 10485760");
    }
  }

  @Test
  void update_answerCarriesEmptyTags() {
    String id = newApi();
    var body = cp.call("PATCH", "/restapis/" + id, patch("replace", "/name", "dogs")).ok(200);
    assertThat(body.get("tags").toString()).isEqualTo("{}");
  }

  @Test
  void update_badOp_validationExceptionNamingTheEntry() {
    String id = newApi();
    String ops =
        "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"x\"},"
            + "{\"op\":\"wrong\",\"path\":\"/name\",\"value\":\"y\"}]}";
    var r = cp.call("PATCH", "/restapis/" + id, ops);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorType()).isEqualTo("ValidationException");
    assertThat(r.message())
        .isEqualTo(
            "1 validation error detected: Value 'wrong' at"
                + " 'updateRestApiInput.patchOperations.2.member.op' failed to satisfy constraint:"
                + " Member must satisfy enum value set: [add, remove, move, test, replace, copy]");
  }

  @Test
  void update_binaryMediaTypes_addReplaceRemoveOneEntryAtATime() {
    String id = newApi();
    String add =
        "{\"patchOperations\":[{\"op\":\"add\",\"path\":\"/binaryMediaTypes/image~1png\"},"
            + "{\"op\":\"add\",\"path\":\"/binaryMediaTypes/image~1jpeg\"}]}";
    assertThat(cp.call("PATCH", "/restapis/" + id, add).ok(200).get("binaryMediaTypes").toString())
        .isEqualTo("[\"image/png\",\"image/jpeg\"]");
    var replaced =
        cp.call(
                "PATCH",
                "/restapis/" + id,
                patch("replace", "/binaryMediaTypes/image~1png", "image/gif"))
            .ok(200);
    assertThat(replaced.get("binaryMediaTypes").toString())
        .isEqualTo("[\"image/jpeg\",\"image/gif\"]");
    String remove =
        "{\"patchOperations\":[{\"op\":\"remove\",\"path\":\"/binaryMediaTypes/image~1gif\"},"
            + "{\"op\":\"remove\",\"path\":\"/description\"}]}";
    var removed = cp.call("PATCH", "/restapis/" + id, remove).ok(200);
    assertThat(removed.get("binaryMediaTypes").toString()).isEqualTo("[\"image/jpeg\"]");
    assertThat(removed.has("description")).isFalse();
  }

  @Test
  void update_binaryMediaTypesItself_invalidPatchPath() {
    String id = newApi();
    for (String op : new String[] {"add", "replace", "remove"}) {
      var r =
          cp.call(
              "PATCH",
              "/restapis/" + id,
              patch(op, "/binaryMediaTypes", op.equals("remove") ? null : "image/gif"));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.message()).isEqualTo("Invalid patch path /binaryMediaTypes");
    }
    assertThat(
            cp.call("PATCH", "/restapis/" + id, patch("add", "/binaryMediaTypes/-", "image/png"))
                .ok(200)
                .get("binaryMediaTypes")
                .toString())
        .isEqualTo("[\"-\"]");
  }

  @Test
  void update_compression_setEmptyZeroAndRefusals() {
    String id = newApi();
    String path = "/restapis/" + id;
    assertThat(
            cp.call("PATCH", path, patch("replace", "/minimumCompressionSize", "10"))
                .ok(200)
                .get("minimumCompressionSize")
                .asInt())
        .isEqualTo(10);
    assertThat(
            cp.call("PATCH", path, patch("replace", "/minimumCompressionSize", ""))
                .ok(200)
                .has("minimumCompressionSize"))
        .isFalse();
    assertThat(cp.call("GET", path).ok(200).has("minimumCompressionSize")).isFalse();
    assertThat(
            cp.call("PATCH", path, patch("replace", "/minimumCompressionSize", "0"))
                .ok(200)
                .get("minimumCompressionSize")
                .asInt())
        .isZero();
    for (String v : new String[] {"-1", "test"}) {
      var r = cp.call("PATCH", path, patch("replace", "/minimumCompressionSize", v));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorType()).isEqualTo("BadRequestException");
      assertThat(r.message())
          .isEqualTo("Invalid minimum compression size, must be between 0 and 10485760");
    }
    var add = cp.call("PATCH", path, patch("add", "/minimumCompressionSize", "10"));
    assertThat(add.status()).isEqualTo(400);
    assertThat(add.message())
        .isEqualTo("Invalid patch operation specified. Must be one of: [replace]");
  }

  @Test
  void update_unknownApi_notFoundWithAccount() {
    var r = cp.call("PATCH", "/restapis/api_id", patch("replace", "/apiKeySource", "AUTHORIZER"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message())
        .isEqualTo("Invalid API identifier specified " + ControlPlaneFixture.ACCOUNT + ":api_id");
  }

  private ControlPlaneFixture.Reply create(String endpointConfiguration, String extra) {
    return cp.call(
        "POST",
        "/restapis",
        "{\"name\":\"p\",\"endpointConfiguration\":" + endpointConfiguration + extra + "}");
  }

  @Test
  void create_endpointConfiguration_awsAnswers() {
    // test_create_rest_api_with_endpoint_configuration, _private_type, _verify_defaults
    String types =
        "Value '[wrong]' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy"
            + " constraint: Member must satisfy constraint: [Member must satisfy enum value set:"
            + " [PRIVATE, EDGE, REGIONAL]]";
    String ip =
        "Value 'wrong' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to"
            + " satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack]";
    var empty = create("{\"types\":[]}", "");
    assertThat(empty.errorType()).isEqualTo("BadRequestException");
    assertThat(empty.message())
        .isEqualTo("REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.");
    var badIp = create("{\"types\":[\"EDGE\"],\"ipAddressType\":\"wrong\"}", "");
    assertThat(badIp.errorType()).isEqualTo("ValidationException");
    assertThat(badIp.message()).isEqualTo("1 validation error detected: " + ip);
    var both =
        create("{\"types\":[\"wrong\"],\"ipAddressType\":\"wrong\"}", ",\"description\":\"\"");
    assertThat(both.errorType()).isEqualTo("ValidationException");
    assertThat(both.message()).isEqualTo("2 validation errors detected: " + types + "; " + ip);
    var emptyDesc = create("{\"types\":[]}", ",\"description\":\"\"");
    assertThat(emptyDesc.message()).isEqualTo("Description cannot be an empty string");
    assertThat(create("{\"types\":[\"EDGE\",\"REGIONAL\"]}", "").message())
        .isEqualTo("Cannot create an api with multiple Endpoint Types.");
    assertThat(create("{\"types\":[\"PRIVATE\"],\"ipAddressType\":\"ipv4\"}", "").message())
        .isEqualTo("Only dualstack ipAddressType is supported for Private APIs.");
    assertThat(
            create("{\"types\":[\"EDGE\"],\"ipAddressType\":\"dualstack\"}", "")
                .ok(201)
                .get("endpointConfiguration")
                .toString())
        .isEqualTo("{\"types\":[\"EDGE\"],\"ipAddressType\":\"dualstack\"}");
    assertThat(create("{}", "").ok(201).get("endpointConfiguration").toString())
        .isEqualTo("{\"types\":[\"EDGE\"],\"ipAddressType\":\"ipv4\"}");
  }

  @Test
  void update_ipAddressTypeAndTypes_awsAnswers() {
    // test_update_rest_api_ip_address_type
    String id = newApi();
    String path = "/restapis/" + id;
    var toPrivate =
        cp.call("PATCH", path, patch("replace", "/endpointConfiguration/types/EDGE", "PRIVATE"))
            .ok(200);
    assertThat(toPrivate.get("endpointConfiguration").toString())
        .isEqualTo("{\"types\":[\"PRIVATE\"],\"ipAddressType\":\"dualstack\"}");
    assertThat(
            cp.call("PATCH", path, patch("replace", "/endpointConfiguration/ipAddressType", "ipv4"))
                .message())
        .isEqualTo("Only dualstack ipAddressType is supported for Private APIs.");
    assertThat(
            cp.call(
                    "PATCH",
                    path,
                    patch("replace", "/endpointConfiguration/ipAddressType", "wrong"))
                .message())
        .isEqualTo("ipAddressType must be either ipv4 or dualstack.");
    assertThat(
            cp.call("PATCH", path, patch("replace", "/endpointConfiguration/types/0", "wrong"))
                .message())
        .isEqualTo("Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
    assertThat(
            cp.call("PATCH", path, patch("add", "/endpointConfiguration/ipAddressType", "ipv4"))
                .message())
        .isEqualTo("Invalid patch operation specified. Must be one of: [replace]");
    assertThat(
            cp.call(
                    "PATCH",
                    path,
                    patch("replace", "/endpointConfiguration/ipAddressType", "dualstack"))
                .ok(200)
                .get("tags")
                .toString())
        .isEqualTo("{}");
  }

  @Test
  void update_severalBadOps_allNamedInOneValidationException() {
    // test_update_rest_api_concatenation_of_errors
    String id = newApi();
    String ops =
        "{\"patchOperations\":[{\"op\":\"wrong\",\"path\":\"/endpointConfiguration/types/0\","
            + "\"value\":\"EDGE\"},{\"op\":\"wrong\",\"path\":\"/endpointConfiguration/ipAddressType\","
            + "\"value\":\"ipv4\"}]}";
    String one =
        "Value 'wrong' at 'updateRestApiInput.patchOperations.%d.member.op' failed to satisfy"
            + " constraint: Member must satisfy enum value set: [add, remove, move, test, replace,"
            + " copy]";
    var r = cp.call("PATCH", "/restapis/" + id, ops);
    assertThat(r.errorType()).isEqualTo("ValidationException");
    assertThat(r.message())
        .isEqualTo("2 validation errors detected: " + one.formatted(1) + "; " + one.formatted(2));
  }
}
