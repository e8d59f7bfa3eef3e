package dev.turnpike.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.Model;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Body models compiled once, checked per request, with AWS's validationErrorString (spec 11.2). */
class BodySchemaTest {
  static final String PET =
      "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"type\":\"object\","
          + "\"properties\":{\"name\":{\"type\":\"string\",\"minLength\":2},"
          + "\"kind\":{\"enum\":[\"dog\",\"cat\",\"fish\"]},\"age\":{\"type\":\"number\","
          + "\"minimum\":0}},\"required\":[\"name\",\"kind\"]}";

  final List<String> problems = new ArrayList<>();

  BodySchema model(String name, Model... models) {
    BodySchema b = new ApiModels("api1", List.of(models), problems).body(name);
    assertThat(b).isNotNull();
    return b;
  }

  static Model json(String name, String schema) {
    return new Model(name.toLowerCase(), name, null, schema, "application/json");
  }

  static String check(BodySchema b, String body) {
    return b.check(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void validBody_passes() {
    assertThat(check(model("Pet", json("Pet", PET)), "{\"name\":\"Rex\",\"kind\":\"dog\"}"))
        .isNull();
  }

  @Test
  void missingRequired_oneMessageWithEveryName_asRecorded() {
    // Recorded: [object has missing required properties (["email","password","repeatPassword"])].
    assertThat(check(model("Pet", json("Pet", PET)), "{}"))
        .isEqualTo("[object has missing required properties ([\"name\",\"kind\"])]");
  }

  @Test
  void emptyOrNonJsonBody_unknownErrorParsing_asRecorded() {
    BodySchema pet = model("Pet", json("Pet", PET));
    assertThat(check(pet, "")).isEqualTo("[Unknown error parsing request body]");
    assertThat(check(pet, "name=Rex")).isEqualTo("[Unknown error parsing request body]");
    assertThat(check(pet, "{\"name\":\"Rex\",\"kind\":\"dog\"} trailing"))
        .isEqualTo("[Unknown error parsing request body]");
  }

  @Test
  void severalErrors_inTheValidatorsWording() {
    assertThat(
            check(model("Pet", json("Pet", PET)), "{\"name\":\"R\",\"kind\":\"bird\",\"age\":-1}"))
        .isEqualTo(
            "[string \"R\" is too short (length: 1, required minimum: 2), instance value"
                + " (\"bird\") not found in enum (possible values: [\"dog\",\"cat\",\"fish\"]),"
                + " numeric instance is lower than the required minimum (minimum: 0, found: -1)]");
    assertThat(check(model("Pet", json("Pet", PET)), "[]"))
        .isEqualTo(
            "[instance type (array) does not match any allowed primitive type (allowed:"
                + " [\"object\"])]");
  }

  @Test
  void referenceToAnotherModel_isResolvedFromTheDeployment() {
    String pets =
        "{\"type\":\"array\",\"items\":{\"$ref\":"
            + "\"https://apigateway.amazonaws.com/restapis/api1/models/Pet\"}}";
    BodySchema b = model("Pets", json("Pet", PET), json("Pets", pets));
    assertThat(check(b, "[{\"name\":\"Rex\",\"kind\":\"cat\"}]")).isNull();
    assertThat(check(b, "[{\"name\":\"Rex\"}]"))
        .isEqualTo("[object has missing required properties ([\"kind\"])]");
    assertThat(problems).isEmpty();
  }

  @Test
  void referenceToNoModelOrRemoteDocument_refusesAtCompileTime_neverFetches() {
    String dangling =
        "{\"properties\":{\"p\":{\"$ref\":\"https://apigateway.amazonaws.com/restapis/api1/models/Gone\"}}}";
    BodySchema b = model("Bad", json("Bad", dangling));
    assertThat(problems).hasSize(1);
    assertThat(check(b, "{\"p\":1}")).startsWith("[model Bad refers to ");
    BodySchema remote =
        model("Remote", json("Remote", "{\"$ref\":\"http://127.0.0.1:1/schema.json\"}"));
    assertThat(check(remote, "{}")).contains("not a model of this API");
  }

  @Test
  void oneCompiledModel_checkedFromSeveralThreadsAtOnce_answersAlike() throws Exception {
    String pets =
        "{\"type\":\"array\",\"items\":{\"$ref\":"
            + "\"https://apigateway.amazonaws.com/restapis/api1/models/Pet\"}}";
    BodySchema b = model("Pets", json("Pet", PET), json("Pets", pets));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> runs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        runs.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 500; i++) {
                    if (check(b, "[{\"name\":\"Rex\",\"kind\":\"dog\"}]") != null
                        || !"[object has missing required properties ([\"name\"])]"
                            .equals(check(b, "[{\"kind\":\"dog\"}]"))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (var r : runs) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownModel_isNull() {
    assertThat(new ApiModels("api1", List.of(), problems).body("Nope")).isNull();
  }
}
