package dev.turnpike.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.store.Documents;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatchApplierTest {
  private final PatchApplier applier = new PatchApplier()
      .allow("/name", Kind.STRING)
      .allow("/disableExecuteApiEndpoint", Kind.BOOLEAN)
      .allow("/minimumCompressionSize", Kind.INT)
      .allow("/throttle/rateLimit", Kind.DOUBLE)
      .allow("/variables/*", Kind.MAP_ENTRY)
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
    assertThatThrownBy(() -> applier.apply(tree("{}"), List.of(op("replace", "/disableExecuteApiEndpoint", "yes"))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
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
    assertThatThrownBy(() -> applier.apply(t, List.of(op("replace", "/minimumCompressionSize", "1.5"))))
        .isInstanceOf(ApiException.class).hasMessageContaining("/minimumCompressionSize");
  }

  @Test
  void apply_double_nestedParentCreated() {
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("replace", "/throttle/rateLimit", "10.5")));
    assertThat(t.get("throttle").get("rateLimit").asDouble()).isEqualTo(10.5);
    assertThatThrownBy(() -> applier.apply(t, List.of(op("replace", "/throttle/rateLimit", "fast"))))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void apply_mapEntry_setAndRemoveDropsEmptyMap() {
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("replace", "/variables/url", "http://x"), op("add", "/variables/v", "1")));
    assertThat(t.get("variables").get("url").asText()).isEqualTo("http://x");
    assertThat(t.get("variables").get("v").asText()).isEqualTo("1");
    applier.apply(t, List.of(op("remove", "/variables/url", null), op("remove", "/variables/v", null)));
    assertThat(t.has("variables")).isFalse();
  }

  @Test
  void apply_listValue_addUnescapesAndDeduplicates() {
    // JSON pointer escapes: ~1 is '/' (RFC 6901), as the AWS CLI sends binaryMediaTypes paths.
    ObjectNode t = tree("{}");
    applier.apply(t, List.of(op("add", "/binaryMediaTypes/image~1png", null), op("add", "/binaryMediaTypes/image~1png", null),
        op("add", "/binaryMediaTypes/*~1*", null)));
    assertThat(t.get("binaryMediaTypes")).extracting(n -> n.asText()).containsExactly("image/png", "*/*");
    applier.apply(t, List.of(op("remove", "/binaryMediaTypes/image~1png", null), op("remove", "/binaryMediaTypes/*~1*", null)));
    assertThat(t.has("binaryMediaTypes")).isFalse();
  }

  @Test
  void apply_listFirst_replacesList() {
    ObjectNode t = tree("{\"endpointConfiguration\":{\"types\":[\"EDGE\"]}}");
    applier.apply(t, List.of(op("replace", "/endpointConfiguration/types/0", "REGIONAL")));
    assertThat(t.get("endpointConfiguration").get("types")).extracting(n -> n.asText()).containsExactly("REGIONAL");
  }

  @Test
  void apply_invalidPath_badRequestNamingThePath() {
    ObjectNode t = tree("{\"name\":\"a\"}");
    assertThatThrownBy(() -> applier.apply(t, List.of(op("replace", "/id", "x"))))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.errorType()).isEqualTo("BadRequestException");
        })
        .hasMessageContaining("Invalid patch path '/id'")
        .hasMessageContaining("/name");
  }

  @Test
  void apply_pathTooDeep_badRequest() {
    assertThatThrownBy(() -> applier.apply(tree("{}"), List.of(op("replace", "/variables/a/b", "x"))))
        .isInstanceOf(ApiException.class).hasMessageContaining("/variables/a/b");
  }

  @Test
  void apply_unsupportedOp_badRequest() {
    assertThatThrownBy(() -> applier.apply(tree("{}"), List.of(op("move", "/name", "x"))))
        .isInstanceOf(ApiException.class).hasMessageContaining("add");
  }

  @Test
  void apply_missingValue_badRequest() {
    assertThatThrownBy(() -> applier.apply(tree("{}"), List.of(op("replace", "/name", null))))
        .isInstanceOf(ApiException.class).hasMessageContaining("/name");
  }
}
