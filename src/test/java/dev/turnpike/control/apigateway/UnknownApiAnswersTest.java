package dev.turnpike.control.apigateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What AWS answers for an API id that does not exist, per operation, and an API key named "", as
 * LocalStack recorded them against AWS (test_authorizer_crud_no_api, test_validators_crud_no_api,
 * test_get_api_case_insensitive).
 */
class UnknownApiAnswersTest {
  private static final String FAKE = "test-fake-rest-id";
  private static final String NOT_FOUND =
      "Invalid API identifier specified " + ControlPlaneFixture.ACCOUNT + ":" + FAKE;

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

  @Test
  void createAuthorizer_conflictConcurrentModification() {
    var r =
        cp.call(
            "POST",
            "/restapis/" + FAKE + "/authorizers",
            "{\"name\":\"a\",\"type\":\"TOKEN\",\"identitySource\":\"method.request.header.A\"}");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.errorType()).isEqualTo("ConflictException");
    assertThat(r.message())
        .isEqualTo(
            "Unable to complete operation due to concurrent modification. Please try again later.");
  }

  @Test
  void getAuthorizers_notFoundWithAccount() {
    var r = cp.call("GET", "/restapis/" + FAKE + "/authorizers");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorType()).isEqualTo("NotFoundException");
    assertThat(r.message()).isEqualTo(NOT_FOUND);
  }

  @Test
  void requestValidators_createBadRequestListNotFound() {
    var create = cp.call("POST", "/restapis/" + FAKE + "/requestvalidators", "{\"name\":\"v\"}");
    assertThat(create.status()).isEqualTo(400);
    assertThat(create.errorType()).isEqualTo("BadRequestException");
    assertThat(create.message()).isEqualTo("Invalid REST API identifier specified");
    var list = cp.call("GET", "/restapis/" + FAKE + "/requestvalidators");
    assertThat(list.status()).isEqualTo(404);
    assertThat(list.message()).isEqualTo(NOT_FOUND);
    var one = cp.call("GET", "/restapis/" + FAKE + "/requestvalidators/abc");
    assertThat(one.status()).isEqualTo(404);
    assertThat(one.message()).isEqualTo("Invalid Request Validator identifier specified");
  }

  @Test
  void getRestApi_idIsCaseSensitive() {
    String id = cp.newApi()[0];
    String upper = id.toUpperCase(java.util.Locale.ROOT);
    var r = cp.call("GET", "/restapis/" + upper);
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.message())
        .isEqualTo("Invalid API identifier specified " + ControlPlaneFixture.ACCOUNT + ":" + upper);
  }

  @Test
  void createApiKey_emptyName_omitted() {
    var key = cp.call("POST", "/apikeys", "{\"name\":\"\"}").ok(201);
    assertThat(key.has("name")).isFalse();
  }
}
