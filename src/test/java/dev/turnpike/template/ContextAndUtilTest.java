package dev.turnpike.template;

import static dev.turnpike.template.Templates.render;
import static dev.turnpike.template.Templates.withContext;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class ContextAndUtilTest {

  @Test
  void context_topLevelAndNestedValues_render() throws Exception {
    // AWS mapping template reference, "$context variables"
    TemplateInput input =
        withContext(
            Map.of(
                "requestId", "r-1",
                "httpMethod", "GET",
                "stage", "dev",
                "identity", Map.of("sourceIp", "203.0.113.7")),
            Map.of());
    assertThat(
            render(
                "$context.requestId $context.httpMethod $context.stage "
                    + "$context.identity.sourceIp",
                input))
        .isEqualTo("r-1 GET dev 203.0.113.7");
  }

  @Test
  void context_nestedMapFromCaller_cannotBeModified() {
    // TemplateInput contract: immutable, so one rendering cannot leak into the next
    TemplateInput input = withContext(Map.of("identity", Map.of("sourceIp", "1.2.3.4")), Map.of());
    assertThatThrownBy(() -> render("#set($context.identity.sourceIp = 'x')", input))
        .isInstanceOf(TemplateException.class);
    assertThat(input.context().get("identity")).isEqualTo(Map.of("sourceIp", "1.2.3.4"));
  }

  @Test
  void stageVariables_bothReferenceForms_render() throws Exception {
    // spec 6.10: $stageVariables.x and ${stageVariables.x} in templates
    TemplateInput input = withContext(Map.of(), Map.of("host", "example.com"));
    assertThat(render("$stageVariables.host ${stageVariables.host}", input))
        .isEqualTo("example.com example.com");
  }

  @Test
  void reference_unsetVariable_rendersEmpty() throws Exception {
    // [UNCONF] API Gateway renders absent values as nothing rather than as the reference text
    assertThat(render("[$stageVariables.unset][$context.nope.deeper][$nothing]"))
        .isEqualTo("[][][]");
  }

  @Test
  void escapeJavaScript_quotesBackslashesControlAndNonAscii_escaped() throws Exception {
    // AWS mapping template reference, "$util variables": JavaScript string rules; ' becomes \'
    TemplateInput input = withContext(Map.of("v", "a\"b'c\\d/e\nf\tg\u0001h\u00e9"), Map.of());
    assertThat(render("$util.escapeJavaScript($context.v)", input))
        .isEqualTo("a\\\"b\\'c\\\\d\\/e\\nf\\tg\\u0001h\\u00E9");
  }

  @Test
  void escapeJavaScript_insideJsonString_producesValidJsonForDoubleQuotes() throws Exception {
    TemplateInput input = withContext(Map.of("v", "say \"hi\""), Map.of());
    String rendered = render("{\"m\":\"$util.escapeJavaScript($context.v)\"}", input);
    assertThat(VtlJson.MAPPER.readTree(rendered).get("m").asText()).isEqualTo("say \"hi\"");
  }

  @Test
  void parseJson_object_isNavigable() throws Exception {
    // AWS mapping template reference: $util.parseJson returns an object from its JSON text
    TemplateInput input = withContext(Map.of("raw", "{\"a\":{\"b\":[1,2]}}"), Map.of());
    assertThat(render("#set($o = $util.parseJson($context.raw))$o.a.b[1] $o.a.b", input))
        .isEqualTo("2 [1,2]");
  }

  @Test
  void parseJson_invalid_throwsTemplateException() {
    TemplateInput input = withContext(Map.of("raw", "{oops"), Map.of());
    assertThatThrownBy(() -> render("$util.parseJson($context.raw)", input))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("$util.parseJson: not valid JSON");
  }

  @Test
  void urlEncodeAndDecode_formEncoding_roundTrips() throws Exception {
    // AWS mapping template reference: application/x-www-form-urlencoded
    TemplateInput input = withContext(Map.of("v", "a b&c=d/é"), Map.of());
    assertThat(render("$util.urlEncode($context.v)", input)).isEqualTo("a+b%26c%3Dd%2F%C3%A9");
    assertThat(render("$util.urlDecode($util.urlEncode($context.v))", input))
        .isEqualTo("a b&c=d/é");
  }

  @Test
  void base64EncodeAndDecode_utf8Text_roundTrips() throws Exception {
    // AWS mapping template reference: base64Encode / base64Decode
    TemplateInput input = withContext(Map.of("v", "hello é"), Map.of());
    assertThat(render("$util.base64Encode($context.v)", input)).isEqualTo("aGVsbG8gw6k=");
    assertThat(render("$util.base64Decode('aGVsbG8gw6k=')", input)).isEqualTo("hello é");
  }

  @Test
  void util_numberArgument_usesItsText() throws Exception {
    assertThat(render("$util.urlEncode(42)")).isEqualTo("42");
  }
}
