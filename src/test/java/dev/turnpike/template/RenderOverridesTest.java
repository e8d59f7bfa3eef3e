package dev.turnpike.template;

import static dev.turnpike.template.Templates.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class RenderOverridesTest {

  private static RenderResult renderWithOverrides(String source) throws TemplateException {
    return ENGINE.compile("t", source).renderWithOverrides(TemplateInput.ofBody(""));
  }

  @Test
  void renderWithOverrides_statusAndHeadersSet_areReturned() throws Exception {
    // AWS "Override your API's request and response parameters and status codes" (spec 6.8)
    RenderResult result =
        renderWithOverrides(
            "#set($context.responseOverride.status = 400)"
                + "#set($context.responseOverride.header.Foo = 'bar')"
                + "#set($context.responseOverride.header['X-Trace'] = 'abc')"
                + "{\"ok\":false}");
    assertThat(result.body()).isEqualTo("{\"ok\":false}");
    assertThat(result.statusOverride()).hasValue(400);
    assertThat(result.headerOverrides())
        .containsExactly(Map.entry("Foo", "bar"), Map.entry("X-Trace", "abc"));
  }

  @Test
  void renderWithOverrides_nothingSet_returnsEmptyOverrides() throws Exception {
    RenderResult result = renderWithOverrides("body");
    assertThat(result.statusOverride()).isEmpty();
    assertThat(result.headerOverrides()).isEmpty();
  }

  @Test
  void renderWithOverrides_statusAsString_isParsed() throws Exception {
    assertThat(
            renderWithOverrides("#set($context.responseOverride.status = '503')").statusOverride())
        .hasValue(503);
  }

  @Test
  void renderWithOverrides_statusNotAStatusCode_throws() {
    assertThatThrownBy(
            () -> renderWithOverrides("#set($context.responseOverride.status = 'teapot')"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "template 't': $context.responseOverride.status: 'teapot' "
                + "(expected: an HTTP status code 100-599)");
  }

  @Test
  void renderWithOverrides_overrideIsReadableInsideTemplate() throws Exception {
    assertThat(
            renderWithOverrides(
                    "#set($context.responseOverride.status = 201)"
                        + "$context.responseOverride.status")
                .body())
        .isEqualTo("201");
  }

  @Test
  void renderWithOverrides_secondRendering_startsFresh() throws Exception {
    CompiledTemplate template =
        ENGINE.compile(
            "t", "#if($input.body == 'set')#set($context.responseOverride.status = 418)#end");
    assertThat(template.renderWithOverrides(TemplateInput.ofBody("set")).statusOverride())
        .hasValue(418);
    assertThat(template.renderWithOverrides(TemplateInput.ofBody("")).statusOverride()).isEmpty();
  }
}
