package dev.turnpike.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.ValidationFact;
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.testkit.TestExchanges;
import dev.turnpike.validation.ApiModels;
import dev.turnpike.validation.MethodValidation;
import dev.turnpike.validation.ValidationCompiler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The request-validation stage (spec 6.8, 7.4 C38-C40, 11.2): parameters first, then the body;
 * AWS's statuses and body bytes through the one catalog; nothing for methods without a validator.
 */
class RequestValidationStageTest {
  static final String SCHEMA =
      "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},"
          + "\"required\":[\"a\",\"b\"]}";

  static MethodValidation validation(boolean body, boolean params) {
    Map<String, Boolean> required = new LinkedHashMap<>();
    required.put("method.request.header.x-header-param", true);
    required.put("method.request.path.issuer", true);
    required.put("method.request.querystring.qs1", true);
    Method m =
        new Method(
            "POST",
            "NONE",
            null,
            false,
            "v",
            null,
            required,
            Map.of("application/json", "testSchema"),
            null,
            null,
            null);
    return new ValidationCompiler(
            List.of(new RequestValidator("v", "v", body, params)),
            new ApiModels(
                "api1",
                List.of(new Model("m", "testSchema", null, SCHEMA, "application/json")),
                new ArrayList<>()))
        .compile(m);
  }

  static Exchange exchange(
      MethodValidation v,
      Map<String, String> pathParams,
      String pathAndQuery,
      String body,
      String... headers) {
    Exchange ex =
        TestExchanges.of(GatewaySnapshot.empty(), "api1", "POST", pathAndQuery, body, headers);
    CompiledMethod m =
        new CompiledMethod("POST", "/nested/{test}", "NONE", false, null, null, List.of(), v);
    ex.route = new RouteMatch<>(m, "/nested/{test}", "res1", pathParams);
    return ex;
  }

  static String text(GatewayReply r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void missingParameters_400InAwsOrder_beforeTheBody() {
    Exchange ex =
        exchange(
            validation(true, true),
            Map.of("test", "value"),
            "/dev/nested/value",
            "{\"test\":\"test\"}");
    GatewayReply r = new RequestValidationStage().apply(ex);
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r))
        .isEqualTo(
            "{\"message\":\"Missing required request parameters: [x-header-param, issuer, qs1]\"}");
    assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("BadRequestException");
    assertThat(ex.cause).isEqualTo(Cause.BAD_REQUEST_PARAMETERS);
    assertThat(ex.causeDetail)
        .isEqualTo(
            new ValidationFact(
                "Missing required request parameters: [x-header-param, issuer, qs1]"));
  }

  @Test
  void emptyQueryValue_countsAsMissing() {
    Exchange ex =
        exchange(
            validation(false, true),
            Map.of("issuer", "me"),
            "/dev/nested/me?qs1=",
            "",
            "x-header-param",
            "1");
    assertThat(text(new RequestValidationStage().apply(ex)))
        .isEqualTo("{\"message\":\"Missing required request parameters: [qs1]\"}");
  }

  @Test
  void invalidOrAbsentBody_400InvalidRequestBody_withTheValidationErrorString() {
    for (String body : List.of("{\"test\":\"test\"}", "")) {
      Exchange ex =
          exchange(
              validation(true, true),
              Map.of("issuer", "me"),
              "/dev/nested/me?qs1=a",
              body,
              "x-header-param",
              "1");
      GatewayReply r = new RequestValidationStage().apply(ex);
      assertThat(r.status()).isEqualTo(400);
      assertThat(text(r)).isEqualTo("{\"message\":\"Invalid request body\"}");
      assertThat(r.headers().get("x-amzn-ErrorType")).isEqualTo("BadRequestException");
      assertThat(ex.cause).isEqualTo(Cause.BAD_REQUEST_BODY);
      assertThat(ex.validationErrorString)
          .isEqualTo(
              body.isEmpty()
                  ? "[Unknown error parsing request body]"
                  : "[object has missing required properties ([\"a\",\"b\"])]");
    }
  }

  @Test
  void validRequest_andBodyOnlyValidator_pass() {
    Exchange ok =
        exchange(
            validation(true, true),
            Map.of("issuer", "me"),
            "/dev/nested/me?qs1=a",
            "{\"a\":1,\"b\":2.5}",
            "x-header-param",
            "1");
    assertThat(new RequestValidationStage().apply(ok)).isNull();
    Exchange bodyOnly =
        exchange(validation(true, false), Map.of(), "/dev/nested/me", "{\"a\":1,\"b\":2}");
    assertThat(new RequestValidationStage().apply(bodyOnly)).isNull();
    Exchange otherType =
        exchange(
            validation(true, false),
            Map.of(),
            "/dev/nested/me",
            "a=1",
            "Content-Type",
            "text/plain");
    assertThat(new RequestValidationStage().apply(otherType)).isNull();
  }

  @Test
  void methodWithoutValidator_isANoOp() {
    Exchange ex = exchange(null, Map.of(), "/dev/nested/me", "not json");
    assertThat(new RequestValidationStage().apply(ex)).isNull();
    assertThat(ex.cause).isEqualTo(Cause.OK);
  }
}
