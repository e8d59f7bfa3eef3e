package dev.turnpike.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class JsonPathTest {

  private static final JsonNode ROOT = read("{\"a\":{\"b c\":[10,{\"d\":null}]},\"e\":\"s\"}");

  private static JsonNode read(String json) {
    try {
      return VtlJson.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void select_dotBracketAndIndexSteps_combine() {
    assertThat(JsonPath.select(ROOT, "$.a['b c'][0]")).isEqualTo(read("10"));
    assertThat(JsonPath.select(ROOT, "$[\"a\"][\"b c\"][1]")).isEqualTo(read("{\"d\":null}"));
    assertThat(JsonPath.select(ROOT, " $ ")).isSameAs(ROOT);
  }

  @Test
  void select_missingFieldIndexOrWrongType_returnsNull() {
    assertThat(JsonPath.select(ROOT, "$.x.y")).isNull();
    assertThat(JsonPath.select(ROOT, "$.a['b c'][5]")).isNull();
    assertThat(JsonPath.select(ROOT, "$.e[0]")).isNull();
    assertThat(JsonPath.select(ROOT, "$.e.f")).isNull();
    assertThat(JsonPath.select(ROOT, "$.a['b c'][99999999999]")).isNull();
  }

  @Test
  void select_jsonNullLeaf_returnsNullNode() {
    // the node exists; $input.path turns it into null, $input.json prints null
    assertThat(JsonPath.select(ROOT, "$.a['b c'][1].d")).isNotNull();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"a.b", "$..a", "$.a[*]", "$.*", "$.a[-1]", "$.a[0:1]", "$.a[?(@.x)]", "$.", "$[0"})
  void select_syntaxOutsideSubset_throwsNamingSupportedForms(String path) {
    assertThatThrownBy(() -> JsonPath.select(ROOT, path))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unsupported JSONPath '" + path + "'")
        .hasMessageEndingWith("(supported: $, .field, ['field'], [n])");
  }
}
