package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP API CORS end to end (issue 19, spec 6.11): {@code corsConfiguration} set with the real AWS
 * CLI ({@code create-api --cors-configuration}, {@code update-api}, {@code
 * delete-cors-configuration}) and plain HTTP requests as a browser sends them: the gateway answers
 * preflights itself without an {@code OPTIONS} route (204, the configured headers for an allowed
 * origin, none for another), adds the CORS headers to integration responses and drops the
 * backend's, leaves requests without {@code Origin} alone, and refuses a configuration AWS refuses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiCorsIT {
  private static final String APP = "https://app.example";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static EchoBackend backend;
  static String apiId;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    backend = EchoBackend.start();
    JsonNode api =
        aws.v2(
            "create-api",
            "--name",
            "cors",
            "--protocol-type",
            "HTTP",
            "--cors-configuration",
            "AllowOrigins="
                + APP
                + ",AllowMethods=GET,PUT,AllowHeaders=content-type,x-custom,"
                + "ExposeHeaders=x-backend,MaxAge=600");
    apiId = api.get("ApiId").asText();
    assertThat(api.get("CorsConfiguration").get("AllowOrigins").get(0).asText()).isEqualTo(APP);
    aws.v2("create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");
    String in =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "HTTP_PROXY",
                "--integration-method",
                "ANY",
                "--integration-uri",
                backend.url("/with-cors"),
                "--payload-format-version",
                "1.0")
            .get("IntegrationId")
            .asText();
    aws.v2(
        "create-route",
        "--api-id",
        apiId,
        "--route-key",
        "GET /items",
        "--target",
        "integrations/" + in);
    Poll.until(Duration.ofSeconds(10), () -> call("GET", "/items"), r -> r.status() == 200);
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (backend != null) {
      backend.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static RawHttp.Response call(String method, String path, String... headers)
      throws Exception {
    return Invoke.hostStyle(turnpike, apiId, method, path, null, headers);
  }

  private static RawHttp.Response preflight(String origin, String method, String headers)
      throws Exception {
    return headers == null
        ? call("OPTIONS", "/items", "Origin", origin, "Access-Control-Request-Method", method)
        : call(
            "OPTIONS",
            "/items",
            "Origin",
            origin,
            "Access-Control-Request-Method",
            method,
            "Access-Control-Request-Headers",
            headers);
  }

  @Test
  @Order(1)
  void preflight_withoutAnOptionsRoute_isAnsweredByTheGateway() throws Exception {
    int before = backend.received().size();
    RawHttp.Response r = preflight(APP, "PUT", "Content-Type, X-Custom");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.bodyText()).isEmpty();
    assertThat(r.header("access-control-allow-origin")).isEqualTo(APP);
    assertThat(r.header("access-control-allow-methods")).isEqualTo("GET,PUT");
    assertThat(r.header("access-control-allow-headers")).isEqualTo("content-type,x-custom");
    assertThat(r.header("access-control-max-age")).isEqualTo("600");
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
    assertThat(backend.received()).hasSize(before); // no route, no integration
  }

  @Test
  @Order(2)
  void preflight_fromAnotherOrigin_orForAMethodNotAllowed_carriesNoCorsHeaders() throws Exception {
    RawHttp.Response other = preflight("https://evil.example", "GET", null);
    assertThat(other.status()).isEqualTo(204);
    assertThat(other.header("access-control-allow-origin")).isNull();
    RawHttp.Response method = preflight(APP, "DELETE", null);
    assertThat(method.status()).isEqualTo(204);
    assertThat(method.header("access-control-allow-methods")).isNull();
    RawHttp.Response header = preflight(APP, "PUT", "x-not-allowed");
    assertThat(header.header("access-control-allow-headers")).isNull();
    // explain, by the apigw-requestid: the CORS decision and what was not allowed.
    ExplainIT.Run run =
        ExplainIT.turnpikeCli(
            "explain",
            header.header("apigw-requestid"),
            "--data-dir",
            turnpike.dataDir().toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("status 204")
        .contains("HEADERS_NOT_ALLOWED")
        .contains("x-not-allowed")
        .contains("http-api-cors");
    // An OPTIONS without Access-Control-Request-Method is no preflight: no route, 404.
    RawHttp.Response plain = call("OPTIONS", "/items", "Origin", APP);
    assertThat(plain.status()).isEqualTo(404);
  }

  @Test
  @Order(3)
  void actualRequest_getsTheGatewaysCorsHeaders_andTheBackendsAreDropped() throws Exception {
    RawHttp.Response r = call("GET", "/items", "Origin", APP);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("access-control-allow-origin")).isEqualTo(APP);
    assertThat(r.header("access-control-expose-headers")).isEqualTo("x-backend");
    assertThat(r.header("access-control-allow-methods")).isNull(); // the backend's DELETE, dropped
    assertThat(r.header("vary")).containsIgnoringCase("origin");
    assertThat(r.header("x-backend")).isEqualTo("echo");

    RawHttp.Response other = call("GET", "/items", "Origin", "https://evil.example");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("access-control-allow-origin")).isNull(); // not the backend's "*"

    // The gateway's own refusals carry them too, so a browser can read the error.
    RawHttp.Response missing = call("GET", "/nope", "Origin", APP);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.header("access-control-allow-origin")).isEqualTo(APP);
  }

  @Test
  @Order(4)
  void updateApi_anyOrigin_thenDeleteCorsConfiguration() throws Exception {
    aws.v2(
        "update-api",
        "--api-id",
        apiId,
        "--cors-configuration",
        "AllowOrigins=*,AllowMethods=*,AllowHeaders=*");
    RawHttp.Response any =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("GET", "/items", "Origin", "https://other.example"),
            r -> "*".equals(r.header("access-control-allow-origin")));
    assertThat(any.header("access-control-allow-origin")).isEqualTo("*");
    RawHttp.Response pre = preflight("https://other.example", "PATCH", "x-anything");
    assertThat(pre.status()).isEqualTo(204);
    assertThat(pre.header("access-control-allow-origin")).isEqualTo("*");
    assertThat(pre.header("access-control-allow-methods")).isEqualTo("*");

    AwsCli.Result deleted =
        aws.runService("apigatewayv2", "delete-cors-configuration", "--api-id", apiId);
    assertThat(deleted.exitCode()).isZero();
    assertThat(aws.v2("get-api", "--api-id", apiId).has("CorsConfiguration")).isFalse();
    // Without a configuration the backend's own headers pass, and preflights need a route.
    RawHttp.Response none =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("GET", "/items", "Origin", APP),
            r -> "DELETE".equals(r.header("access-control-allow-methods")));
    assertThat(none.header("access-control-allow-origin")).isEqualTo("*");
    assertThat(preflight(APP, "GET", null).status()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void credentialsWithAnyOrigin_isRefusedAsAwsRefusesIt() throws Exception {
    AwsCli.Result r =
        aws.runService(
            "apigatewayv2",
            "update-api",
            "--api-id",
            apiId,
            "--cors-configuration",
            "AllowOrigins=*,AllowCredentials=true");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains("BadRequestException")
        .contains("allow-credentials is not supported if 'allow-origin' is *");
  }

  @Test
  @Order(6)
  void defaultRouteWithAuthorization_takesPreflights_untilAnOptionsRouteIsAdded() throws Exception {
    aws.v2("update-api", "--api-id", apiId, "--cors-configuration", "AllowOrigins=" + APP);
    String in =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "HTTP_PROXY",
                "--integration-method",
                "ANY",
                "--integration-uri",
                backend.url("/default"),
                "--payload-format-version",
                "1.0")
            .get("IntegrationId")
            .asText();
    aws.v2(
        "create-route",
        "--api-id",
        apiId,
        "--route-key",
        "$default",
        "--authorization-type",
        "AWS_IAM",
        "--target",
        "integrations/" + in);
    // The $default route takes the preflight, and its authorization refuses it (no signature).
    RawHttp.Response refused =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("OPTIONS", "/other", "Origin", APP, "Access-Control-Request-Method", "GET"),
            r -> r.status() == 403);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("access-control-allow-origin")).isEqualTo(APP);
    // AWS's advice: an unauthenticated OPTIONS /{proxy+} route; the gateway answers through it.
    aws.v2("create-route", "--api-id", apiId, "--route-key", "OPTIONS /{proxy+}");
    RawHttp.Response answered =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("OPTIONS", "/other", "Origin", APP, "Access-Control-Request-Method", "GET"),
            r -> r.status() == 204);
    assertThat(answered.status()).isEqualTo(204);
    assertThat(answered.header("access-control-allow-origin")).isEqualTo(APP);
  }
}
