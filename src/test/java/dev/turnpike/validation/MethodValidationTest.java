package dev.turnpike.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.validation.RequiredParameter.Location;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Required parameters and the choice of body model (spec 6.8, 7.4, 11.2). */
class MethodValidationTest {
  static final RequestValidator BOTH = new RequestValidator("v1", "both", true, true);
  static final RequestValidator PARAMS = new RequestValidator("v2", "params", false, true);
  static final RequestValidator BODY = new RequestValidator("v3", "body", true, false);

  static Method method(
      String validatorId, Map<String, Boolean> parameters, Map<String, String> models) {
    return new Method(
        "POST", "NONE", null, false, validatorId, null, parameters, models, null, null, null);
  }

  static MethodValidation compile(Method m, Model... models) {
    List<String> problems = new ArrayList<>();
    return new ValidationCompiler(
            List.of(BOTH, PARAMS, BODY), new ApiModels("api1", List.of(models), problems))
        .compile(m);
  }

  /** A request that carries exactly {@code present} ("header:x", "query:q", "path:p"). */
  static ParameterLookup carrying(String... present) {
    Set<String> have = Set.of(present);
    return (location, name) -> have.contains(location.name().toLowerCase() + ":" + name);
  }

  @Test
  void missingParameters_C38_listsTheNamesInAwsOrder() {
    // Recorded (LocalStack test_api_gateway_request_validator against AWS):
    // [x-header-param, issuer, qs1].
    Map<String, Boolean> params = new LinkedHashMap<>();
    params.put("method.request.header.x-header-param", true);
    params.put("method.request.path.issuer", true);
    params.put("method.request.querystring.qs1", true);
    MethodValidation v = compile(method("v1", params, Map.of()));
    assertThat(v.missingParameters(carrying()))
        .isEqualTo("Missing required request parameters: [x-header-param, issuer, qs1]");
    assertThat(v.missingParameters(carrying("header:x-header-param", "path:issuer")))
        .isEqualTo("Missing required request parameters: [qs1]");
    assertThat(v.missingParameters(carrying("header:x-header-param", "path:issuer", "query:qs1")))
        .isNull();
  }

  @Test
  void missingParameters_twoQueryParameters_inTheOrderAwsAnswered() {
    // A tutorial's captured AWS answer for required dividend and divisor: [divisor, dividend]
    // (neither declared nor sorted order: Java's HashSet order of the names).
    Map<String, Boolean> params = new LinkedHashMap<>();
    params.put("method.request.querystring.dividend", true);
    params.put("method.request.querystring.divisor", true);
    assertThat(compile(method("v2", params, Map.of())).missingParameters(carrying()))
        .isEqualTo("Missing required request parameters: [divisor, dividend]");
  }

  @Test
  void compile_optionalParametersAndBodyOnlyValidator_checkNoParameters() {
    Map<String, Boolean> params = Map.of("method.request.header.x", false);
    assertThat(compile(method("v2", params, Map.of()))).isNull();
    MethodValidation bodyOnly =
        compile(
            method("v3", Map.of("method.request.header.x", true), Map.of("application/json", "M")),
            new Model("m1", "M", null, "{\"type\":\"object\"}", "application/json"));
    assertThat(bodyOnly.required()).isEmpty();
    assertThat(bodyOnly.missingParameters(carrying())).isNull();
  }

  @Test
  void compile_noValidatorOrUnknownValidator_isNull() {
    assertThat(compile(method(null, Map.of("method.request.header.x", true), Map.of()))).isNull();
    assertThat(compile(method("gone", Map.of("method.request.header.x", true), Map.of()))).isNull();
  }

  @Test
  void compile_parameterLocations() {
    assertThat(RequiredParameter.parse("method.request.header.X-Id"))
        .isEqualTo(new RequiredParameter(Location.HEADER, "X-Id"));
    assertThat(RequiredParameter.parse("method.request.multivaluequerystring.q"))
        .isEqualTo(new RequiredParameter(Location.QUERY, "q"));
    assertThat(RequiredParameter.parse("method.request.path.id"))
        .isEqualTo(new RequiredParameter(Location.PATH, "id"));
    assertThat(RequiredParameter.parse("method.request.body.x")).isNull();
  }

  @Test
  void modelFor_contentTypeThenDefault_noMatchIsNotValidated() {
    Model json = new Model("m1", "Pet", null, "{\"type\":\"object\"}", "application/json");
    Model any = new Model("m2", "Any", null, "{\"type\":\"array\"}", "application/json");
    MethodValidation v =
        compile(method("v3", Map.of(), Map.of("application/json", "Pet")), json, any);
    assertThat(v.modelFor(null).modelName()).isEqualTo("Pet");
    assertThat(v.modelFor("Application/JSON; charset=utf-8").modelName()).isEqualTo("Pet");
    assertThat(v.modelFor("text/plain")).isNull();
    MethodValidation withDefault =
        compile(
            method("v3", Map.of(), Map.of("application/json", "Pet", "$default", "Any")),
            json,
            any);
    assertThat(withDefault.modelFor("text/plain").modelName()).isEqualTo("Any");
    assertThat(withDefault.modelFor("text/plain").contentType()).isEqualTo("$default");
  }
}
