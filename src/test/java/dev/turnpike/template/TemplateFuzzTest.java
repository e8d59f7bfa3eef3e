package dev.turnpike.template;

import dev.turnpike.testkit.Fuzz;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 fuzzing: mutated mapping templates compile or are refused with a {@link
 * TemplateException}; one that compiles renders or is refused the same way, against a body that is
 * itself mutated JSON. Nothing else escapes (it would be a gateway 500 instead of AWS's answer).
 */
class TemplateFuzzTest {
  private static final TemplateEngine ENGINE = TemplateEngine.create();

  private static final String[] VALID = {
    "{\"id\": \"$input.params('id')\", \"all\": $input.json('$'), \"n\": $input.path('$.n')}",
    "#set($x = $input.path('$.items'))#foreach($i in $x){\"v\": \"$util.escapeJavaScript($i)\"}"
        + "#if($foreach.hasNext),#end#end",
    "#set($context.responseOverride.status = 201)$util.base64Encode($input.body)"
        + "$util.urlDecode($input.params().querystring.q)$stageVariables.v",
    "$util.parseJson($input.body).a.b #if($input.params('x') == 'y') yes #else no #end"
  };

  private static final String[] BODIES = {
    "{\"n\": 1, \"items\": [\"a\", \"b\"], \"a\": {\"b\": \"c\"}}", "[1,2,3]", "\"text\"", ""
  };

  @Test
  void mutatedTemplates_compileAndRenderOrAreRefused() {
    Fuzz.seeded()
        .run(
            f -> new String[] {f.mutate(f.oneOf(VALID), 3), f.mutate(f.oneOf(BODIES), 2)},
            t -> {
              CompiledTemplate compiled;
              try {
                compiled = ENGINE.compile("fuzz", t[0]);
              } catch (TemplateException refused) {
                return;
              }
              TemplateInput input =
                  new TemplateInput(
                      t[1],
                      Map.of("id", "42", "x", "y"),
                      Map.of("q", java.util.List.of("%zz")),
                      Map.of(),
                      Map.of(),
                      Map.of("v", "s"));
              try {
                compiled.renderWithOverrides(input);
              } catch (TemplateException refused) {
                // AWS's 500 with its message, from the integration
              }
            });
  }
}
