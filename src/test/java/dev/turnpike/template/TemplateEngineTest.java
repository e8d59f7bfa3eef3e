package dev.turnpike.template;

import static dev.turnpike.template.Templates.ENGINE;
import static dev.turnpike.template.Templates.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

final class TemplateEngineTest {

  @Test
  void compile_velocityFailsOnAHashBeforeANumber_issue22_refusedNotThrown() {
    // Found by TemplateFuzzTest: Velocity threw NumberFormatException ("#201") out of compile.
    assertThatThrownBy(() -> ENGINE.compile("t", "#set($x =#201)"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("template 't': ");
  }

  @Test
  void compile_unclosedDirective_throwsWithNameAndPosition() {
    assertThatThrownBy(() -> ENGINE.compile("POST /pets request", "{\n  #if($x)\n  \"a\": 1\n}"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "template 'POST /pets request' line 4, column 2: invalid VTL: "
                + "Encountered \"<EOF>\" (is an #end missing?)");
  }

  @Test
  void compile_badForeachSyntax_throwsTemplateException() {
    assertThatThrownBy(() -> ENGINE.compile("t", "#foreach($x)#end"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("template 't'");
  }

  @Test
  void compile_over300Kilobytes_throwsWithLimit() {
    // AWS API Gateway quotas: mapping template size 300 KB (spec 6.8)
    String big = "x".repeat(TemplateEngine.MAX_TEMPLATE_BYTES + 1);
    assertThatThrownBy(() -> ENGINE.compile("big", big))
        .isInstanceOf(TemplateException.class)
        .hasMessage("template 'big': 307201 bytes (expected: <= 307200)");
  }

  @Test
  void compile_exactly300Kilobytes_compiles() throws Exception {
    String max = "x".repeat(TemplateEngine.MAX_TEMPLATE_BYTES);
    assertThat(ENGINE.compile("max", max).render(TemplateInput.ofBody(""))).hasSize(307200);
  }

  @Test
  void compile_parseOrInclude_refused() {
    // security: no resource loader; API Gateway templates cannot include files either
    assertThatThrownBy(() -> ENGINE.compile("t", "a\n#parse('/etc/passwd')"))
        .isInstanceOf(TemplateException.class)
        .hasMessage(
            "template 't' line 2, column 1: #parse is not supported "
                + "(mapping templates cannot load other templates)");
    assertThatThrownBy(() -> ENGINE.compile("t", "#include('pom.xml')"))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("#include is not supported");
  }

  @Test
  void render_includeBuiltThroughEvaluate_failsWithoutReadingFiles() throws Exception {
    CompiledTemplate template = ENGINE.compile("t", "#evaluate('#include(\"pom.xml\")')");
    assertThatThrownBy(() -> template.render(TemplateInput.ofBody("")))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("Unable to find resource 'pom.xml'");
  }

  @Test
  void macro_definedInOneTemplate_invisibleToAnother() throws Exception {
    CompiledTemplate definer = ENGINE.compile("a", "#macro(greet)hi#end#greet()");
    CompiledTemplate caller = ENGINE.compile("b", "#greet()");
    assertThat(definer.render(TemplateInput.ofBody(""))).isEqualTo("hi");
    assertThat(caller.render(TemplateInput.ofBody(""))).isEqualTo("#greet()");
  }

  @Test
  void foreach_moreThan1000Items_stopsAt1000() throws Exception {
    // AWS mapping template reference / quotas: #foreach is limited to 1,000 iterations (spec 6.8)
    assertThat(render("#foreach($i in [1..5000])x#end")).hasSize(1000);
  }

  @Test
  void foreach_scopeVariables_available() throws Exception {
    // AWS mapping template examples use $foreach.hasNext to place commas
    assertThat(render("[#foreach($i in [1..3])$i#if($foreach.hasNext),#end#end]"))
        .isEqualTo("[1,2,3]");
  }

  @Test
  void render_getClassOnAnyValue_rendersNothing() throws Exception {
    // security: no class introspection beyond the exposed objects
    assertThat(
            render(
                "#set($s = 'a')#set($m = {})#set($l = [1])"
                    + "[$input.getClass()][$input.class][$util.class.name][$s.getClass()][$s.Class]"
                    + "[$m.getClass()][$l.class][$l.get(0).getClass()][$foreach.getClass()]"))
        .isEqualTo("[][][][][][][][][]");
  }

  @Test
  void render_runtimeThroughClassForName_unreachable() throws Exception {
    // security: the classic Velocity sandbox escape must render nothing and run nothing
    String attack =
        "#set($s = 'x')#set($c = $s.getClass().forName('java.lang.Runtime'))"
            + "#set($r = $c.getRuntime())[$c][$r]"
            + "[$r.exec('touch /tmp/turnpike-pwned')]";
    assertThat(render(attack)).isEqualTo("[][][]");
    assertThat(new java.io.File("/tmp/turnpike-pwned")).doesNotExist();
  }

  @Test
  void render_unexposedObjectInContext_isOpaque() throws Exception {
    // security: only exposed types are introspectable, even if a caller passes something else
    TemplateInput input = Templates.withContext(Map.of("thread", Thread.currentThread()), Map.of());
    assertThat(render("[$context.thread.name][$context.thread.getId()]", input)).isEqualTo("[][]");
  }

  @Test
  void render_methodThrows_throwsTemplateExceptionWithPosition() {
    assertThatThrownBy(() -> render("ok\n  $util.base64Decode('***')"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("template 'test' line 2, column 9: $util.base64Decode failed: ")
        .hasMessageContaining("Illegal base64 character")
        .hasMessageNotContaining("\n");
  }

  @Test
  void render_runawayOutput_throwsInsteadOfExhaustingMemory() {
    // 1,000 x 1,000 x 100 characters: within the loop cap, far beyond the 10 MB payload limit
    String template =
        "#set($s = '"
            + "x".repeat(100)
            + "')"
            + "#foreach($a in [1..1000])#foreach($b in [1..1000])$s#end#end";
    assertThatThrownBy(() -> render(template))
        .isInstanceOf(TemplateException.class)
        .hasMessageContaining("output exceeds 10485760 characters");
  }

  @Test
  void render_concurrentRenderings_doNotShareState() throws Exception {
    CompiledTemplate template =
        ENGINE.compile(
            "t", "#set($context.responseOverride.status = $input.params('s'))$input.params('s')");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<RenderResult>> results = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String status = String.valueOf(200 + i % 100);
        TemplateInput input = Templates.request(Map.of("s", status), Map.of(), Map.of());
        results.add(pool.submit(() -> template.renderWithOverrides(input)));
      }
      for (int i = 0; i < results.size(); i++) {
        RenderResult result = results.get(i).get();
        assertThat(result.body()).isEqualTo(String.valueOf(200 + i % 100));
        assertThat(result.statusOverride()).hasValue(200 + i % 100);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
