package dev.turnpike.control.apigateway;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.patch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.store.Documents;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Models as recorded against AWS (LocalStack {@code TestApiGatewayApiModels}, spec 11.1). */
class ModelOperationsTest {
  private static final String CALC =
      "{\"title\":\"Calc output\",\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},"
          + "\"op\":{\"type\":\"string\"}},\"required\":[\"a\",\"op\"]}";

  @TempDir Path dir;
  ControlPlaneFixture cp;
  String api;
  String root;
  String models;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    String[] ids = cp.newApi();
    api = ids[0];
    root = ids[1];
    models = "/restapis/" + api + "/models";
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private String create(String name, String schema) {
    return "{\"name\":\""
        + name
        + "\",\"contentType\":\"application/json\",\"description\":\"\",\"schema\":"
        + Documents.MAPPER.valueToTree(schema)
        + "}";
  }

  @Test
  void lifecycle_createGetListDelete() {
    JsonNode created =
        cp.call(
                "POST",
                models,
                "{\"name\":\"CalcOutput\",\"contentType\":\"application/json\","
                    + "\"description\":\"Calc output model\",\"schema\":"
                    + Documents.MAPPER.valueToTree(CALC)
                    + "}")
            .ok(201);
    assertThat(created.get("name").asText()).isEqualTo("CalcOutput");
    assertThat(created.get("schema").asText()).isEqualTo(CALC);
    assertThat(created.get("description").asText()).isEqualTo("Calc output model");
    assertThat(created.get("contentType").asText()).isEqualTo("application/json");
    assertThat(cp.call("GET", models + "/CalcOutput").ok(200)).isEqualTo(created);
    JsonNode items = cp.call("GET", models).ok(200).get("item");
    assertThat(items.findValuesAsText("name")).contains("CalcOutput");
    assertThat(cp.call("DELETE", models + "/CalcOutput").status()).isEqualTo(202);
    var gone = cp.call("GET", models + "/CalcOutput");
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.message()).isEqualTo("Invalid model name specified: CalcOutput");
  }

  @Test
  void create_emptyDescription_isLeftOut() {
    JsonNode m = cp.call("POST", models, create("MySchema", "{\"type\":\"object\"}")).ok(201);
    assertThat(m.has("description")).isFalse();
  }

  @Test
  void create_refusals_useAwsWording() {
    cp.call("POST", models, create("MySchema", "{\"type\":\"object\"}")).ok(201);
    var dup = cp.call("POST", models, create("MySchema", "{\"type\":\"object\"}"));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("ConflictException");
    assertThat(dup.message()).isEqualTo("Model name already exists for this REST API");
    var empty = cp.call("POST", models, create("", "{\"type\":\"object\"}"));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.message()).isEqualTo("Model name must be non-empty");
    for (String body :
        List.of(
            create("NoSchema", ""),
            create("Braces", "{}"),
            "{\"name\":\"X\",\"contentType\":\"application/xml\"}")) {
      var r = cp.call("POST", models, body);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.message())
          .isEqualTo("Model schema must have at least 1 property or array items defined");
    }
    assertThat(cp.call("POST", models, create("not-alnum", "{\"type\":\"object\"}")).status())
        .isEqualTo(400);
  }

  @Test
  void unknownApi_answersAsRecorded() {
    var create = cp.call("POST", "/restapis/abcde0/models", create("M", "{\"type\":\"object\"}"));
    assertThat(create.status()).isEqualTo(404);
    assertThat(create.message())
        .isEqualTo("Invalid API identifier specified " + ControlPlaneFixture.ACCOUNT + ":abcde0");
    assertThat(cp.call("GET", "/restapis/abcde0/models").status()).isEqualTo(404);
    var get = cp.call("GET", "/restapis/abcde0/models/MySchema");
    assertThat(get.status()).isEqualTo(404);
    assertThat(get.message()).isEqualTo("Invalid model name specified: MySchema");
    assertThat(cp.call("DELETE", "/restapis/abcde0/models/MySchema").message())
        .isEqualTo("Invalid model name specified: MySchema");
  }

  @Test
  void update_replacesSchemaAndClearsDescription_refusesOtherPaths() {
    cp.call(
            "POST",
            models,
            "{\"name\":\"MySchema\",\"contentType\":\"application/json\",\"description\":\"d\","
                + "\"schema\":\"{\\\"type\\\":\\\"object\\\"}\"}")
        .ok(201);
    String ops =
        "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/schema\",\"value\":"
            + "\"{\\\"title\\\":\\\"Updated schema\\\",\\\"type\\\":\\\"object\\\"}\"},"
            + "{\"op\":\"replace\",\"path\":\"/description\",\"value\":\"\"}]}";
    JsonNode updated = cp.call("PATCH", models + "/MySchema", ops).ok(200);
    assertThat(updated.get("schema").asText())
        .isEqualTo("{\"title\":\"Updated schema\",\"type\":\"object\"}");
    assertThat(updated.has("description")).isFalse();

    var badOp = cp.call("PATCH", models + "/MySchema", patch("add", "/wrong-path", "x"));
    assertThat(badOp.message())
        .isEqualTo(
            "Invalid patch path  '/wrong-path' specified for op 'add'. Please choose supported"
                + " operations");
    var badPath = cp.call("PATCH", models + "/MySchema", patch("replace", "/name", "invalid"));
    assertThat(badPath.message())
        .isEqualTo(
            "Invalid patch path  '/name' specified for op 'replace'. Must be one of:"
                + " [/description, /schema]");
    var emptySchema = cp.call("PATCH", models + "/MySchema", patch("replace", "/schema", ""));
    assertThat(emptySchema.status()).isEqualTo(400);
    assertThat(emptySchema.message())
        .isEqualTo("Model schema must have at least 1 property or array items defined");
    var unknown = cp.call("PATCH", models + "/mySchema", patch("replace", "/schema", "{}"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message()).isEqualTo("Invalid model name specified: mySchema");
  }

  @Test
  void delete_modelUsedByAMethodRequest_isRefused() {
    cp.call("POST", models, create("Pet", CALC)).ok(201);
    String m = "/restapis/" + api + "/resources/" + root + "/methods/ANY";
    cp.call(
            "PUT",
            m,
            "{\"authorizationType\":\"NONE\",\"requestModels\":{\"application/json\":\"Pet\"}}")
        .ok(201);
    var r = cp.call("DELETE", models + "/Pet");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.message())
        .isEqualTo("Cannot delete model 'Pet', is referenced in method request: //ANY");
  }

  @Test
  void getModel_flatten_inlinesReferencedModelsUnderDefinitions() {
    cp.call("POST", models, create("Pet", CALC)).ok(201);
    String ref = "https://apigateway.amazonaws.com/restapis/" + api + "/models/Pet";
    cp.call(
            "POST",
            models,
            create("Pets", "{\"type\":\"array\",\"items\":{\"$ref\":\"" + ref + "\"}}"))
        .ok(201);
    JsonNode plain = cp.call("GET", models + "/Pets").ok(200);
    assertThat(plain.get("schema").asText()).contains(ref);
    JsonNode flat =
        cp.call("GET", models + "/Pets", "", Map.of("flatten", List.of("true"))).ok(200);
    JsonNode schema = ModelSchemas.parse(flat.get("schema").asText());
    assertThat(schema.at("/items/$ref").asText()).isEqualTo("#/definitions/Pet");
    assertThat(schema.at("/definitions/Pet/required").toString()).isEqualTo("[\"a\",\"op\"]");
  }

  @Test
  void getModelTemplate_mapsPropertiesByType() {
    cp.call("POST", models, create("CalcOutput", CALC)).ok(201);
    JsonNode t = cp.call("GET", models + "/CalcOutput/default_template").ok(200);
    assertThat(t.get("value").asText())
        .isEqualTo(
            "#set($inputRoot = $input.path('$'))\n"
                + "{\n"
                + "  \"a\" : $inputRoot.a,\n"
                + "  \"op\" : \"$inputRoot.op\"\n"
                + "}");
  }

  @Test
  void getModelTemplate_arrayOfReferencedModel_walksTheItems() {
    cp.call("POST", models, create("Pet", CALC)).ok(201);
    String ref = "https://apigateway.amazonaws.com/restapis/" + api + "/models/Pet";
    cp.call(
            "POST",
            models,
            create("Pets", "{\"type\":\"array\",\"items\":{\"$ref\":\"" + ref + "\"}}"))
        .ok(201);
    String t = cp.call("GET", models + "/Pets/default_template").ok(200).get("value").asText();
    assertThat(t)
        .isEqualTo(
            "#set($inputRoot = $input.path('$'))\n"
                + "[\n"
                + "#foreach($elem in $inputRoot)\n"
                + " {\n"
                + "   \"a\" : $elem.a,\n"
                + "   \"op\" : \"$elem.op\"\n"
                + " }#if($foreach.hasNext),#end\n"
                + "\n"
                + "#end\n"
                + "]");
  }

  @Test
  void putMethod_unknownModelOrValidator_isRefused() {
    String m = "/restapis/" + api + "/resources/" + root + "/methods/POST";
    var model =
        cp.call(
            "PUT",
            m,
            "{\"authorizationType\":\"NONE\",\"requestModels\":{\"application/json\":\"Nope\"}}");
    assertThat(model.status()).isEqualTo(400);
    assertThat(model.message()).isEqualTo("Invalid model identifier specified: Nope");
    var validator =
        cp.call("PUT", m, "{\"authorizationType\":\"NONE\",\"requestValidatorId\":\"fake-id\"}");
    assertThat(validator.status()).isEqualTo(400);
    assertThat(validator.message()).isEqualTo("Invalid Request Validator identifier specified");
    cp.call("PUT", m, "{\"authorizationType\":\"NONE\"}").ok(201);
    var patched = cp.call("PATCH", m, patch("replace", "/requestValidatorId", "fake-id"));
    assertThat(patched.status()).isEqualTo(400);
    assertThat(patched.message()).isEqualTo("Invalid Request Validator identifier specified");
  }
}
