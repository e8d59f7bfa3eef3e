package dev.turnpike.pipeline;

import java.util.Map;

/**
 * {@code ${stageVariables.x}} in an integration URI (HTTP endpoints, Lambda function names and
 * aliases; spec 6.10), replaced by the stage's value, or by nothing when the stage has no such
 * variable (as AWS does). The one substitution every integration type uses.
 */
public final class StageVariables {
  private static final String OPEN = "${stageVariables.";

  private StageVariables() {}

  /** {@code template} with each {@code ${stageVariables.x}} replaced; itself when it has none. */
  public static String substitute(String template, Exchange ex) {
    return substitute(template, ex.stage == null ? Map.of() : ex.stage.variables());
  }

  /** As {@link #substitute(String, Exchange)} with a stage's variables (for {@code doctor}). */
  public static String substitute(String template, Map<String, String> variables) {
    if (template.indexOf(OPEN) < 0) {
      return template;
    }
    StringBuilder b = new StringBuilder();
    int i = 0;
    while (true) {
      int start = template.indexOf(OPEN, i);
      if (start < 0) {
        return b.append(template, i, template.length()).toString();
      }
      int end = template.indexOf('}', start);
      if (end < 0) {
        return b.append(template, i, template.length()).toString();
      }
      String name = template.substring(start + OPEN.length(), end);
      String value = variables.get(name);
      b.append(template, i, start).append(value == null ? "" : value);
      i = end + 1;
    }
  }
}
