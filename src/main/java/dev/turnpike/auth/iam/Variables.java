package dev.turnpike.auth.iam;

/**
 * Policy variables in Resource and condition values: {@code ${aws:username}} and any request key,
 * plus the escapes {@code ${*}}, {@code ${?}}, {@code ${$}}. An unknown key with a default ({@code
 * ${aws:username, 'x'}}) uses the default; without one the whole pattern cannot match (IAM's rule),
 * which we express as a value no text matches.
 */
final class Variables {
  /** A character no request value contains: a pattern holding it matches nothing. */
  static final String NO_MATCH = "\u0000";

  private Variables() {}

  static String resolve(String pattern, RequestContext ctx) {
    int start = pattern.indexOf("${");
    if (start < 0) {
      return pattern;
    }
    StringBuilder b = new StringBuilder(pattern.length() + 16);
    int i = 0;
    while (start >= 0) {
      int end = pattern.indexOf('}', start);
      if (end < 0) {
        break;
      }
      b.append(pattern, i, start);
      String inner = pattern.substring(start + 2, end).trim();
      String def = null;
      int comma = inner.indexOf(',');
      if (comma >= 0) {
        String d = inner.substring(comma + 1).trim();
        if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
          def = d.substring(1, d.length() - 1);
        }
        inner = inner.substring(0, comma).trim();
      }
      switch (inner) {
        case "*" -> b.append('*');
        case "?" -> b.append('?');
        case "$" -> b.append('$');
        default -> {
          String v = ctx.value(inner);
          b.append(v != null ? v : def != null ? def : NO_MATCH);
        }
      }
      i = end + 1;
      start = pattern.indexOf("${", i);
    }
    b.append(pattern, i, pattern.length());
    return b.toString();
  }
}
