package dev.turnpike.template;

import java.util.List;
import java.util.Map;

/** Test helper: one shared engine and short ways to render. */
final class Templates {

  static final TemplateEngine ENGINE = TemplateEngine.create();

  private Templates() {}

  static String render(String source, TemplateInput input) throws TemplateException {
    return ENGINE.compile("test", source).render(input);
  }

  static String render(String source) throws TemplateException {
    return render(source, TemplateInput.ofBody(""));
  }

  static String renderBody(String source, String body) throws TemplateException {
    return render(source, TemplateInput.ofBody(body));
  }

  static TemplateInput request(
      Map<String, String> path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers) {
    return new TemplateInput("", path, query, headers, Map.of(), Map.of());
  }

  static TemplateInput withContext(
      Map<String, Object> context, Map<String, String> stageVariables) {
    return new TemplateInput("", Map.of(), Map.of(), Map.of(), context, stageVariables);
  }
}
