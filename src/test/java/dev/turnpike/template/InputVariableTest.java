package dev.turnpike.template;

import static dev.turnpike.template.Templates.render;
import static dev.turnpike.template.Templates.renderBody;
import static dev.turnpike.template.Templates.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class InputVariableTest {

  private static final String PETS =
      "{\"a\":{\"b\":\"x\",\"n\":1.50},\"list\":[{\"foo\":\"bar\"},2],\"t\":true}";

  @Test
  void body_jsonPayload_rendersRawText() throws Exception {
    // AWS mapping template reference, "$input variables": $input.body is the raw payload string
    assertThat(renderBody("$input.body", "{ \"x\" : 1 }")).isEqualTo("{ \"x\" : 1 }");
  }

  @Test
  void body_noPayload_rendersEmpty() throws Exception {
    // AWS mapping template reference: $input.body of a request without payload is empty
    assertThat(renderBody("[$input.body]", "")).isEqualTo("[]");
  }

  @Test
  void json_nestedField_rendersJsonText() throws Exception {
    // AWS mapping template reference: $input.json(x) returns a JSON string
    assertThat(renderBody("$input.json('$.a.b')", PETS)).isEqualTo("\"x\"");
    assertThat(renderBody("$input.json('$.a')", PETS)).isEqualTo("{\"b\":\"x\",\"n\":1.50}");
    assertThat(renderBody("$input.json('$')", PETS)).isEqualTo(PETS);
  }

  @Test
  void json_bracketAndIndexSteps_selectSameNodes() throws Exception {
    assertThat(renderBody("$input.json(\"$['list'][0]['foo']\")", PETS)).isEqualTo("\"bar\"");
    assertThat(renderBody("$input.json('$.list[1]')", PETS)).isEqualTo("2");
  }

  @Test
  void json_missingPath_rendersNull() throws Exception {
    // [UNCONF] AWS text for a missing path is not recorded; null keeps the JSON valid
    assertThat(renderBody("$input.json('$.nope.deeper')", PETS)).isEqualTo("null");
  }

  @Test
  void json_emptyBody_rendersEmptyObject() throws Exception {
    // [IMPL] LocalStack template_mapping.py: an empty body counts as {}
    assertThat(renderBody("$input.json('$')", "")).isEqualTo("{}");
  }

  @Test
  void json_unsupportedSyntax_throwsWithSupportedForms() {
    assertThatThrownBy(() -> renderBody("$input.json('$..a')", PETS))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("line 1, column 8: $input.json failed")
        .hasMessageContaining("unsupported JSONPath '$..a'")
        .hasMessageContaining("supported: $, .field, ['field'], [n]");
  }

  @Test
  void path_rootObject_printsJavaMapSyntax() throws Exception {
    // spec 6.8 [REC] LocalStack test_input_path_template_formatting: objects print as {foo=bar}
    assertThat(renderBody("$input.path('$')", "{\"foo\":\"bar\"}")).isEqualTo("{foo=bar}");
  }

  @Test
  void path_rootList_printsJson() throws Exception {
    // spec 6.8 [REC]: lists print as JSON, their contents included
    assertThat(renderBody("$input.path('$')", "[{\"foo\":\"bar\"}]"))
        .isEqualTo("[{\"foo\":\"bar\"}]");
  }

  @Test
  void path_listInsideObject_printsMapWithJsonList() throws Exception {
    // spec 6.8 [REC]; LocalStack documents {"a":1,"b":[{"c":5}]} -> {a=1, b=[{"c":5}]}
    assertThat(renderBody("$input.path('$')", "{\"a\":1,\"b\":[{\"c\":5}]}"))
        .isEqualTo("{a=1, b=[{\"c\":5}]}");
  }

  @Test
  void path_missingOrNullBody_rendersEmpty() throws Exception {
    // spec 6.8 [REC]: a missing/null body makes $input.path('$') empty
    assertThat(renderBody("[$input.path('$')]", "")).isEqualTo("[]");
    assertThat(renderBody("[$input.path('$')]", "null")).isEqualTo("[]");
  }

  @Test
  void path_objectValue_isUsableInVtl() throws Exception {
    // AWS mapping template reference: $input.path(x) returns an object for use in the template
    String template =
        "#set($root = $input.path('$'))$root.a.b $root.list.size() $root.t"
            + "#foreach($item in $root.list) [$item]#end";
    assertThat(renderBody(template, PETS)).isEqualTo("x 2 true [{foo=bar}] [2]");
  }

  @Test
  void path_invalidJsonBody_throwsTemplateException() {
    assertThatThrownBy(() -> renderBody("$input.path('$.a')", "not json"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("body is not valid JSON");
  }

  @Test
  void params_noArgument_exposesPathQuerystringHeaderMaps() throws Exception {
    // AWS mapping template reference: $input.params() returns path, querystring and header maps
    TemplateInput input =
        request(
            Map.of("id", "42"),
            Map.of("q", List.of("first", "second")),
            Map.of("X-Trace", List.of("t1")));
    assertThat(
            render(
                "$input.params().path.id/$input.params().querystring.q/"
                    + "$input.params().header.get('X-Trace')",
                input))
        .isEqualTo("42/first/t1");
  }

  @Test
  void params_name_looksInPathThenQuerystringThenHeader() throws Exception {
    // AWS mapping template reference: params(x) searches path, query string, then header
    TemplateInput input =
        request(
            Map.of("a", "path-a"),
            Map.of("a", List.of("query-a"), "b", List.of("query-b")),
            Map.of("a", List.of("h-a"), "b", List.of("h-b"), "C", List.of("h-c")));
    assertThat(render("$input.params('a') $input.params('b') $input.params('c')", input))
        .isEqualTo("path-a query-b h-c");
  }

  @Test
  void params_unknownName_rendersEmptyString() throws Exception {
    // [IMPL] LocalStack template_mapping.py answers ""; AWS users test it with $x.length()
    assertThat(render("[$input.params('missing')]", request(Map.of(), Map.of(), Map.of())))
        .isEqualTo("[]");
  }
}
