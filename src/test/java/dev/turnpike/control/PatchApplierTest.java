package dev.turnpike.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.store.Documents;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchApplierTest {
  private final PatchApplier applier =
      PatchApplier.listing()
          .allow("/name", Kind.STRING)
          .allow("/disableExecuteApiEndpoint", Kind.BOOLEAN)
          .allow("/minimumCompressionSize", Kind.INT)
          .allow("/throttle/rateLimit", Kind.DOUBLE)
          .map("/variables", MapEntries.strings())
          .allow("/binaryMediaTypes/*", Kind.LIST_VALUE)
          .allow("/endpointConfiguration/types/0", Kind.LIST_FIRST);

  private static ObjectNode tree(String json) {
    try {
      return (ObjectNode) Documents.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static PatchOperation op(String op, String path, String value) {
    return new PatchOperation(op, path, value, null);
  }

  @Test
  void apply_string_replaceAndRemove() {
    ObjectNode t = tree("{\"name\":\"a\"}");
    applier.apply(t, List.of(op("replace", "/name", "b")));
    assertThat(t.get("name").asText()).isEqualTo("b");
    applier.apply(t, List.of(op("remove", "/name", null)));
    assertThat(t.has("name")).isFalse();
  }

  @Test
  void apply_boolean_parsedCaseInsensitively() {
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("replace", "/disableExecuteApiEndpoint", "TRUE")));
    assertThat(t.get("disableExecuteApiEndpoint").isBoolean()).isTrue();
    assertThat(t.get("disableExecuteApiEndpoint").asBoolean()).isTrue();
  }

  @Test
  void apply_booleanInvalid_badRequest() {
    assertThatThrownBy(
            () ->
                applier.apply(
                    tree("{}"), List.of(op("replace", "/disableExecuteApiEndpoint", "yes"))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errorType()).isEqualTo("BadRequestException");
            })
        .hasMessageContaining("yes");
  }

  @Test
  void apply_int_parsedAndInvalidRejected() {
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("replace", "/minimumCompressionSize", " 1024 ")));
    assertThat(t.get("minimumCompressionSize").isInt()).isTrue();
    assertThat(t.get("minimumCompressionSize").asInt()).isEqualTo(1024);
    assertThatThrownBy(
            () -> applier.apply(t, List.of(op("replace", "/minimumCompressionSize", "1.5"))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("/minimumCompressionSize");
  }

  @Test
  void apply_double_nestedParentCreated() {
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("replace", "/throttle/rateLimit", "10.5")));
    assertThat(t.get("throttle").get("rateLimit").asDouble()).isEqualTo(10.5);
    assertThatThrownBy(
            () -> applier.apply(t, List.of(op("replace", "/throttle/rateLimit", "fast"))))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void apply_mapEntry_setAndRemoveDropsEmptyMap() {
    ObjectNode t = tree("{}");
    applier.apply(
        t, List.of(op("replace", "/variables/url", "http://x"), op("add", "/variables/v", "1")));
    assertThat(t.get("variables").get("url").asText()).isEqualTo("http://x");
    assertThat(t.get("variables").get("v").asText()).isEqualTo("1");
    applier.apply(
        t, List.of(op("remove", "/variables/url", null), op("remove", "/variables/v", null)));
    assertThat(t.has("variables")).isFalse();
  }

  @Test
  void apply_listValue_addUnescapesAndDeduplicates() {
    // JSON pointer escapes: ~1 is '/' (RFC 6901), as the AWS CLI sends binaryMediaTypes paths.
    ObjectNode t = tree("{}");
    applier.apply(
        t,
        List.of(
            op("add", "/binaryMediaTypes/image~1png", null),
            op("add", "/binaryMediaTypes/image~1png", null),
            op("add", "/binaryMediaTypes/*~1*", null)));
    assertThat(t.get("binaryMediaTypes"))
        .extracting(n -> n.asText())
        .containsExactly("image/png", "*/*");
    applier.apply(
        t,
        List.of(
            op("remove", "/binaryMediaTypes/image~1png", null),
            op("remove", "/binaryMediaTypes/*~1*", null)));
    assertThat(t.has("binaryMediaTypes")).isFalse();
  }

  @Test
  void apply_listFirst_replacesList() {
    ObjectNode t = tree("{\"endpointConfiguration\":{\"types\":[\"EDGE\"]}}");
    applier.apply(t, List.of(op("replace", "/endpointConfiguration/types/0", "REGIONAL")));
    assertThat(t.get("endpointConfiguration").get("types"))
        .extracting(n -> n.asText())
        .containsExactly("REGIONAL");
  }

  @Test
  void apply_invalidPath_badRequestNamingThePath() {
    ObjectNode t = tree("{\"name\":\"a\"}");
    assertThatThrownBy(() -> applier.apply(t, List.of(op("replace", "/id", "x"))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.errorType()).isEqualTo("BadRequestException");
            })
        .hasMessageContaining("Invalid patch path '/id'")
        .hasMessageContaining("/name");
  }

  @Test
  void apply_pathTooDeep_badRequest() {
    assertThatThrownBy(
            () -> applier.apply(tree("{}"), List.of(op("replace", "/variables/a/b", "x"))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("/variables/a/b");
  }

  @Test
  void apply_unsupportedOp_badRequest() {
    assertThatThrownBy(() -> applier.apply(tree("{}"), List.of(op("move", "/name", "x"))))
        .isInstanceOf(ApiException.class)
        .hasMessage("Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
  }

  // Map entries. AWS's answers: LocalStack snapshots TestApigatewayMethodResponse
  // (test_update_method_wrong_param_names,
  // test_update_method_lack_response_parameters_and_models) and TestApiGatewayGatewayResponse
  // (test_update_gateway_response), recorded against AWS.

  private static final PatchApplier RESPONSES =
      PatchApplier.terse()
          .map(
              "/responseParameters",
              MapEntries.flags().notFound("Invalid parameter name specified"))
          .map(
              "/responseModels",
              MapEntries.strings().notFound("Content-Type specified was not found"))
          .map(
              "/responseTemplates",
              MapEntries.strings()
                  .notFound("Invalid parameter name specified")
                  .checked(
                      (key, value) -> {
                        if (value == null || value.isEmpty()) {
                          throw ApiException.badRequest(
                              "Invalid null or empty value in responseTemplates");
                        }
                      }));

  private static void assertApiError(Runnable r, int status, String type, String message) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.errorType()).isEqualTo(type);
            })
        .hasMessage(message);
  }

  @Test
  void mapEntry_addToMissingMap_createsMapWithUnescapedKey() {
    ObjectNode t = tree("{}");
    RESPONSES.apply(t, List.of(op("add", "/responseModels/application~1json", "Empty")));
    assertThat(t.get("responseModels").get("application/json").asText()).isEqualTo("Empty");
  }

  @Test
  void mapEntry_addExistingKey_overwrites() {
    ObjectNode t = tree("{\"responseModels\":{\"application/json\":\"Empty\"}}");
    RESPONSES.apply(t, List.of(op("add", "/responseModels/application~1json", "Error")));
    assertThat(t.get("responseModels").get("application/json").asText()).isEqualTo("Error");
  }

  @Test
  void mapEntry_replaceExistingKey_setsValue() {
    ObjectNode t = tree("{\"responseParameters\":{\"method.response.header.a\":false}}");
    RESPONSES.apply(
        t, List.of(op("replace", "/responseParameters/method.response.header.a", "TRUE")));
    assertThat(t.get("responseParameters").get("method.response.header.a").asBoolean()).isTrue();
  }

  @Test
  void mapEntry_replaceMissingKey_notFoundWithTheMapsText() {
    ObjectNode t = tree("{\"responseParameters\":{\"method.response.header.a\":true}}");
    assertApiError(
        () ->
            RESPONSES.apply(
                t, List.of(op("replace", "/responseParameters/method.response.header.b", "true"))),
        404,
        "NotFoundException",
        "Invalid parameter name specified");
    assertApiError(
        () ->
            RESPONSES.apply(
                t, List.of(op("replace", "/responseModels/application~1json", "Empty"))),
        404,
        "NotFoundException",
        "Content-Type specified was not found");
  }

  @Test
  void mapEntry_removeMissingKey_notFoundWithTheMapsText() {
    ObjectNode t = tree("{}");
    assertApiError(
        () ->
            RESPONSES.apply(
                t, List.of(op("remove", "/responseParameters/method.response.header.b", null))),
        404,
        "NotFoundException",
        "Invalid parameter name specified");
    assertApiError(
        () -> RESPONSES.apply(t, List.of(op("remove", "/responseModels/text~1plain", null))),
        404,
        "NotFoundException",
        "Content-Type specified was not found");
  }

  @Test
  void mapEntry_removeLastKey_dropsTheMap() {
    ObjectNode t = tree("{\"responseModels\":{\"application/json\":\"Empty\"}}");
    RESPONSES.apply(t, List.of(op("remove", "/responseModels/application~1json", null)));
    assertThat(t.has("responseModels")).isFalse();
  }

  @Test
  void mapEntry_flagValues_lenientAndAbsentIsFalse() {
    ObjectNode t = tree("{}");
    RESPONSES.apply(
        t,
        List.of(
            op("add", "/responseParameters/a", "whatever"),
            op("add", "/responseParameters/b", null),
            op("add", "/responseParameters/c", " true ")));
    assertThat(t.get("responseParameters").get("a").asBoolean()).isFalse();
    assertThat(t.get("responseParameters").get("b").asBoolean()).isFalse();
    assertThat(t.get("responseParameters").get("c").asBoolean()).isTrue();
  }

  @Test
  void mapEntry_stringValueMissing_badRequest() {
    assertApiError(
        () ->
            RESPONSES.apply(
                tree("{}"), List.of(op("add", "/responseModels/application~1json", null))),
        400,
        "BadRequestException",
        "Invalid null value for patch operation 'add' at path '/responseModels/application~1json'");
  }

  @Test
  void mapEntry_checkRunsBeforeNotFound_badRequest() {
    // test_update_gateway_response "update-gateway-replace-invalid-parameter-0-none": the value is
    // refused first.
    assertApiError(
        () ->
            RESPONSES.apply(
                tree("{}"), List.of(op("replace", "/responseTemplates/application~1json", ""))),
        400,
        "BadRequestException",
        "Invalid null or empty value in responseTemplates");
  }

  @Test
  void mapEntry_silentMap_removeAndReplaceMissingKeyAct() {
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("remove", "/variables/nope", null)));
    assertThat(t.has("variables")).isFalse();
    applier.apply(t, List.of(op("replace", "/variables/v", "1")));
    assertThat(t.get("variables").get("v").asText()).isEqualTo("1");
  }

  @Test
  void mapEntry_keyWithUnescapedSlash_terseInvalidPath() {
    // test_update_method_validation "wrong-path-request-models": a '/' in a key must be sent as ~1.
    assertApiError(
        () ->
            RESPONSES.apply(
                tree("{}"), List.of(op("add", "/responseModels/application/json", "Empty"))),
        400,
        "BadRequestException",
        "Invalid patch path /responseModels/application/json");
  }

  @Test
  void mapEntry_wholeMapPath_terseInvalidPath() {
    // test_update_method_response_* "update-method-response-operation-with-wrong-path".
    assertApiError(
        () -> RESPONSES.apply(tree("{}"), List.of(op("replace", "/responseParameters", "x"))),
        400,
        "BadRequestException",
        "Invalid patch path /responseParameters");
  }

  @Test
  void mapEntry_listingApplier_listsTheMapPattern() {
    assertApiError(
        () -> applier.apply(tree("{}"), List.of(op("add", "/variables", "x"))),
        400,
        "BadRequestException",
        "Invalid patch path '/variables' specified for op 'add'. Must be one of: [/name,"
            + " /disableExecuteApiEndpoint, /minimumCompressionSize, /throttle/rateLimit,"
            + " /variables/*, /binaryMediaTypes/*, /endpointConfiguration/types/0]");
  }

  @Test
  void allow_opNotDeclaredForPath_unsupportedOpAnswer() {
    PatchApplier method =
        PatchApplier.terse()
            .unsupportedOp(
                op ->
                    ApiException.badRequest(
                        "Invalid patch operation specified. Must be one of: [replace]"))
            .allow("/operationName", Kind.STRING, PatchApplier.REPLACE);
    // test_update_method_validation "unsupported-operation" and "unsupported-path".
    assertApiError(
        () -> method.apply(tree("{}"), List.of(op("add", "/operationName", "x"))),
        400,
        "BadRequestException",
        "Invalid patch operation specified. Must be one of: [replace]");
    assertApiError(
        () -> method.apply(tree("{}"), List.of(op("add", "/httpMethod", "PUT"))),
        400,
        "BadRequestException",
        "Invalid patch path /httpMethod");
  }

  @Test
  void allow_flag_anythingButTrueIsFalse() {
    // test_update_method_validation "wrong-value-type": replace /apiKeyRequired "whatever" leaves
    // false.
    PatchApplier method =
        PatchApplier.terse().allow("/apiKeyRequired", Kind.FLAG, PatchApplier.REPLACE);
    ObjectNode t = tree("{\"apiKeyRequired\":true}");
    method.apply(t, List.of(op("replace", "/apiKeyRequired", "whatever")));
    assertThat(t.get("apiKeyRequired").asBoolean()).isFalse();
  }

  @Test
  void custom_alternativeSegment_matchesOnlyListedNames() {
    PatchApplier p =
        PatchApplier.terse()
            .custom(
                "/*/*/metrics|logging/*",
                PatchApplier.ANY_OP,
                (tree, op, raw) -> tree.put(raw[2], raw[3]));
    ObjectNode t = tree("{}");
    p.apply(t, List.of(op("replace", "/~1pets/GET/logging/loglevel", "INFO")));
    assertThat(t.get("logging").asText()).isEqualTo("loglevel");
    assertApiError(
        () -> p.apply(t, List.of(op("replace", "/~1pets/GET/tracing/x", "1"))),
        400,
        "BadRequestException",
        "Invalid patch path /~1pets/GET/tracing/x");
  }

  @Test
  void apply_missingValue_badRequest() {
    assertThatThrownBy(() -> applier.apply(tree("{}"), List.of(op("replace", "/name", null))))
        .isInstanceOf(ApiException.class)
        .hasMessageContaining("/name");
  }

  @Test
  void invalidOp_moveOnDeclaredPath_resourceOwnAnswer() {
    PatchApplier p =
        PatchApplier.listing()
            .invalidOp(
                op ->
                    ApiException.badRequest(
                        "Invalid patch operation specified. Must be 'replace' for path '"
                            + op.path()
                            + "'"))
            .allow("/a", Kind.STRING);
    assertApiError(
        () -> p.apply(tree("{}"), List.of(op("move", "/a", "x"))),
        400,
        "BadRequestException",
        "Invalid patch operation specified. Must be 'replace' for path '/a'");
  }

  @Test
  void invalidNumber_intAndDouble_resourceOwnWording() {
    PatchApplier p =
        PatchApplier.listing()
            .invalidNumber(
                op ->
                    ApiException.badRequest(
                        "Invalid " + op.segments().get(1) + " value '" + op.value() + "'"))
            .allow("/throttle/burstLimit", Kind.INT)
            .allow("/throttle/rateLimit", Kind.DOUBLE);
    assertApiError(
        () -> p.apply(tree("{}"), List.of(op("replace", "/throttle/burstLimit", "1.5"))),
        400,
        "BadRequestException",
        "Invalid burstLimit value '1.5'");
    assertApiError(
        () -> p.apply(tree("{}"), List.of(op("replace", "/throttle/rateLimit", "fast"))),
        400,
        "BadRequestException",
        "Invalid rateLimit value 'fast'");
  }

  @Test
  void invalidNumber_default_typeWording() {
    assertApiError(
        () -> applier.apply(tree("{}"), List.of(op("replace", "/minimumCompressionSize", "x"))),
        400,
        "BadRequestException",
        "Invalid integer value 'x' for /minimumCompressionSize");
    assertApiError(
        () -> applier.apply(tree("{}"), List.of(op("replace", "/throttle/rateLimit", "x"))),
        400,
        "BadRequestException",
        "Invalid number value 'x' for /throttle/rateLimit");
  }

  @Test
  void nullableString_emptyOrMissingValue_clears() {
    PatchApplier p = PatchApplier.listing().allow("/m/uri", Kind.NULLABLE_STRING);
    ObjectNode t = tree("{\"m\":{\"uri\":\"a\"}}");
    p.apply(t, List.of(op("replace", "/m/uri", "")));
    assertThat(t.get("m").has("uri")).isFalse();
    p.apply(t, List.of(op("replace", "/m/uri", "b")));
    assertThat(t.get("m").get("uri").asText()).isEqualTo("b");
    p.apply(t, List.of(op("replace", "/m/uri", null)));
    assertThat(t.get("m").has("uri")).isFalse();
  }

  @Test
  void allowAs_otherSpelling_writesTheMemberAndIsListed() {
    PatchApplier p =
        PatchApplier.listing()
            .allowAs("/restapiId", "/restApiId", Kind.STRING)
            .allow("/restApiId", Kind.STRING);
    ObjectNode t = tree("{\"restApiId\":\"a\"}");
    p.apply(t, List.of(op("replace", "/restapiId", "b")));
    assertThat(t.toString()).isEqualTo("{\"restApiId\":\"b\"}");
    assertApiError(
        () -> p.apply(t, List.of(op("replace", "/x", "b"))),
        400,
        "BadRequestException",
        "Invalid patch path '/x' specified for op 'replace'. Must be one of: [/restapiId,"
            + " /restApiId]");
  }
}
