package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.routing.HostClassifier;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.SnapshotCompiler;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.testkit.ControlPlaneDriver;
import dev.turnpike.testkit.PathRunner;
import dev.turnpike.testkit.TestExchanges;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayResponsesTest {
  @TempDir Path dir;

  private static String body(GatewayReply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static Exchange unrouted() {
    return TestExchanges.of(GatewaySnapshot.empty(), "abc123", "GET", "/dev/x", "");
  }

  @Test
  void render_missingAuthenticationToken_exact42Bytes() {
    // Spec 1.3 / C02: {"message":"Missing Authentication Token"}, content-length 42 (recorded).
    GatewayReply r =
        GatewayResponses.render(GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, unrouted());
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(r.body()).hasSize(42);
    // Spec 1.2 / C02: x-amzn-ErrorType and Content-Type on gateway errors.
    assertThat(r.headers().get("x-amzn-ErrorType"))
        .isEqualTo("MissingAuthenticationTokenException");
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(r.errorType()).isEqualTo("MissingAuthenticationTokenException");
    assertThat(r.errorMessage()).isEqualTo("Missing Authentication Token");
  }

  @Test
  void forbidden_unknownStage_exact23Bytes() {
    // Spec 1.5 / C04: 403 {"message":"Forbidden"} (23 bytes).
    GatewayReply r = GatewayResponses.forbidden(unrouted(), Cause.UNKNOWN_STAGE);
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r)).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThat(r.body()).hasSize(23);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("ForbiddenException");
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void render_invalidApiKey_forbidden23Bytes() {
    // Spec 1.4: INVALID_API_KEY 403 ForbiddenException "Forbidden".
    GatewayReply r = GatewayResponses.render(GatewayResponseType.INVALID_API_KEY, unrouted());
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.body()).hasSize(23);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("ForbiddenException");
  }

  @Test
  void render_integrationTimeout_spaceAfterColon41Bytes() {
    // Spec 1.3 / 6.9: 504 {"message": "Endpoint request timed out"} (41 bytes, recorded 2025).
    GatewayReply r = GatewayResponses.render(GatewayResponseType.INTEGRATION_TIMEOUT, unrouted());
    assertThat(r.status()).isEqualTo(504);
    assertThat(body(r)).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    assertThat(r.body()).hasSize(41);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
  }

  @Test
  void render_apiConfigurationError_spaceAfterColon36Bytes() {
    // Spec 1.3: 500 {"message": "Internal server error"} (36 bytes, recorded).
    GatewayReply r =
        GatewayResponses.render(GatewayResponseType.API_CONFIGURATION_ERROR, unrouted());
    assertThat(r.status()).isEqualTo(500);
    assertThat(body(r)).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(r.body()).hasSize(36);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
  }

  @Test
  void render_integrationFailureWithStatusIfNotCustomized_usesThatStatus() {
    // Spec 6.9: HTTP backend unreachable → 500 (not INTEGRATION_FAILURE's default 504).
    GatewayReply r =
        GatewayResponses.render(
            GatewayResponseType.INTEGRATION_FAILURE, unrouted(), "Internal server error", 500);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.body()).hasSize(36);
  }

  @Test
  void render_accessDenied_capitalMessageKey() {
    // Spec 1.3: IAM/resource-policy denial body uses "Message" (82 bytes recorded for the
    // explicit-deny text).
    GatewayReply r =
        GatewayResponses.render(
            GatewayResponseType.ACCESS_DENIED,
            unrouted(),
            "User is not authorized to access this resource with an explicit deny",
            null);
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r))
        .isEqualTo(
            "{\"Message\":\"User is not authorized to access this resource with an explicit"
                + " deny\"}");
    assertThat(r.body()).hasSize(82);
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
  }

  @Test
  void render_messageWithQuotes_jsonEscaped() {
    GatewayReply r =
        GatewayResponses.render(
            GatewayResponseType.BAD_REQUEST_PARAMETERS, unrouted(), "bad \"x\"\n", null);
    assertThat(body(r)).isEqualTo("{\"message\":\"bad \\\"x\\\"\\n\"}");
  }

  // Customized responses, through the control plane and a compiled deployment.

  private record Deployed(GatewaySnapshot snapshot, String apiId) {}

  private Deployed deploy(String... gatewayResponsePuts) {
    try (ControlPlaneDriver cp = new ControlPlaneDriver(dir)) {
      String[] api = cp.createApi();
      String r = cp.createResource(api[0], api[1], "existing");
      cp.mockMethod(api[0], r, "GET", "{\"statusCode\":200}", "exists");
      for (int i = 0; i < gatewayResponsePuts.length; i += 2) {
        cp.call(
            201,
            "PUT",
            "/restapis/" + api[0] + "/gatewayresponses/" + gatewayResponsePuts[i],
            gatewayResponsePuts[i + 1]);
      }
      cp.deploy(api[0], "dev");
      return new Deployed(new SnapshotCompiler(TemplateEngine.create()).compile(cp.store), api[0]);
    }
  }

  /** Runs the REST stages; returns the refusal (null when routed). */
  private static GatewayReply run(Exchange ex) {
    return PathRunner.refusal(
        Stages.forRestApi(new HostClassifier(ControlPlaneDriver.REGION, "turnpike.test")), ex);
  }

  @Test
  void render_unmatchedRouteOnDeployedApi_default42ByteBody() {
    // C02/C03: unknown path and wrong method answer the same 403.
    Deployed d = deploy();
    for (String[] req :
        new String[][] {{"GET", "/dev/random-non-existing"}, {"POST", "/dev/existing"}}) {
      GatewayReply r = run(TestExchanges.of(d.snapshot(), d.apiId(), req[0], req[1], ""));
      assertThat(r.status()).as(req[1]).isEqualTo(403);
      assertThat(body(r)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
      assertThat(r.headers().get("x-amzn-ErrorType"))
          .isEqualTo("MissingAuthenticationTokenException");
    }
    assertThat(run(TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/existing", ""))).isNull();
  }

  @Test
  void render_default4xxStatusCustomized_appliesToMissingAuthenticationToken() {
    // Spec 1.4: a status on DEFAULT_4XX changes every non-customized 4xx type (LS
    // test_gateway_response_put).
    Deployed d = deploy("DEFAULT_4XX", "{\"statusCode\":\"404\"}");
    GatewayReply r = run(TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/nope", ""));
    assertThat(r.status()).isEqualTo(404);
    assertThat(body(r)).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(r.headers().get("x-amzn-ErrorType"))
        .isEqualTo("MissingAuthenticationTokenException");
  }

  @Test
  void render_explicitTypeAndDefault4xx_explicitWins() {
    // Spec 1.4: inheritance is explicit type → DEFAULT_4XX → built-in.
    Deployed d =
        deploy(
            "DEFAULT_4XX",
            "{\"statusCode\":\"404\"}",
            "MISSING_AUTHENTICATION_TOKEN",
            "{\"statusCode\":\"401\"}");
    assertThat(run(TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/nope", "")).status())
        .isEqualTo(401);
  }

  @Test
  void render_default4xxCustomized_leaves5xxAlone() {
    Deployed d = deploy("DEFAULT_4XX", "{\"statusCode\":\"404\"}");
    Exchange ex = TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/existing", "");
    assertThat(run(ex)).isNull();
    GatewayReply r = GatewayResponses.render(GatewayResponseType.INTEGRATION_TIMEOUT, ex);
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.body()).hasSize(41);
  }

  @Test
  void render_headerMappings_literalAndRequestHeader() {
    // Spec 1.4: gatewayresponse.header.<Name> from 'literal' or method.request.header.<x> (DG
    // gateway responses).
    Deployed d =
        deploy(
            "MISSING_AUTHENTICATION_TOKEN",
            "{\"responseParameters\":{"
                + "\"gatewayresponse.header.Access-Control-Allow-Origin\":\"'*'\","
                + "\"gatewayresponse.header.X-Echo\":\"method.request.header.x-client\","
                + "\"gatewayresponse.header.X-Absent\":\"method.request.header.not-sent\"}}");
    GatewayReply r =
        run(TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/nope", "", "x-client", "abc"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.headers().get("Access-Control-Allow-Origin")).isEqualTo("*");
    assertThat(r.headers().get("X-Echo")).isEqualTo("abc");
    assertThat(r.headers().contains("X-Absent")).isFalse();
    assertThat(r.body()).hasSize(42);
  }

  @Test
  void render_customTemplate_rendersErrorVariables() {
    // Spec 1.4: templates may use $context.error.messageString (quoted) and
    // $context.error.responseType.
    Deployed d =
        deploy(
            "MISSING_AUTHENTICATION_TOKEN",
            "{\"responseTemplates\":{\"application/json\":"
                + "\"{\\\"error\\\":$context.error.messageString,\\\"type\\\":\\\"$context.error.responseType\\\",\\\"id\\\":\\\"$context.requestId\\\"}\"}}");
    GatewayReply r = run(TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/nope", ""));
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r))
        .isEqualTo(
            "{\"error\":\"Missing Authentication"
                + " Token\",\"type\":\"MISSING_AUTHENTICATION_TOKEN\",\"id\":\""
                + TestExchanges.REQUEST_ID
                + "\"}");
    assertThat(r.headers().get("Content-Type")).isEqualTo("application/json");
  }

  @Test
  void render_default4xxTemplate_inheritedByTypes() {
    Deployed d =
        deploy(
            "DEFAULT_4XX",
            "{\"responseTemplates\":{\"application/json\":\"{\\\"err\\\":$context.error.messageString}\"}}");
    GatewayReply r = run(TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/nope", ""));
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r)).isEqualTo("{\"err\":\"Missing Authentication Token\"}");
  }

  @Test
  void forbidden_unknownStage_notCustomizable() {
    // Spec 1.5: unknown stage is not a gateway-response type, so DEFAULT_4XX does not apply.
    Deployed d = deploy("DEFAULT_4XX", "{\"statusCode\":\"404\"}");
    GatewayReply r = run(TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/nostage/existing", ""));
    assertThat(r.status()).isEqualTo(403);
    assertThat(body(r)).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void render_explicitTypeWithDefault5xxStatus_keepsOwnStatus() {
    // Spec 1.4: an explicitly put AUTHORIZER_FAILURE keeps its 500 when DEFAULT_5XX is 599 (LS
    // test_gateway_response_put).
    Deployed d =
        deploy(
            "AUTHORIZER_FAILURE",
            "{\"responseParameters\":{\"gatewayresponse.header.foo\":\"'bar'\"}}",
            "DEFAULT_5XX",
            "{\"statusCode\":\"599\"}");
    Exchange ex = TestExchanges.of(d.snapshot(), d.apiId(), "GET", "/dev/existing", "");
    assertThat(run(ex)).isNull();
    GatewayReply own = GatewayResponses.render(GatewayResponseType.AUTHORIZER_FAILURE, ex);
    assertThat(own.status()).isEqualTo(500);
    assertThat(own.headers().get("foo")).isEqualTo("bar");
    assertThat(GatewayResponses.render(GatewayResponseType.INTEGRATION_TIMEOUT, ex).status())
        .isEqualTo(599);
  }
}
