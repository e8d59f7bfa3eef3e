package dev.turnpike.control.logs;

import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch Logs' filter pattern for unstructured events: terms separated by spaces must all
 * occur, {@code "quoted phrases"} occur as written, {@code ?term}s are alternatives (at least one
 * of them occurs), {@code -term}s must not occur. Matching is case-sensitive and by substring, as
 * CloudWatch does for plain terms. JSON ({@code { $.x = … }}) and space-delimited ({@code [ … ]})
 * patterns are refused as not served.
 *
 * <p>AWS: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
final class FilterPattern {
  private final List<String> required;
  private final List<String> alternatives;
  private final List<String> excluded;

  private FilterPattern(List<String> required, List<String> alternatives, List<String> excluded) {
    this.required = required;
    this.alternatives = alternatives;
    this.excluded = excluded;
  }

  static final FilterPattern ALL = new FilterPattern(List.of(), List.of(), List.of());

  static FilterPattern parse(String pattern) {
    String p = pattern.strip();
    if (p.isEmpty()) {
      return ALL;
    }
    if (p.startsWith("{") || p.startsWith("[") || p.startsWith("%")) {
      throw LogsService.invalidParameter(
          "Invalid filter pattern: Turnpike matches terms, quoted phrases, ?alternatives and"
              + " -exclusions; JSON, space-delimited and regular-expression patterns are not"
              + " served");
    }
    List<String> required = new ArrayList<>();
    List<String> alternatives = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    int i = 0;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      List<String> into = required;
      if (c == '?' || c == '-') {
        into = c == '?' ? alternatives : excluded;
        i++;
        if (i >= p.length() || p.charAt(i) == ' ') {
          throw LogsService.invalidParameter("Invalid filter pattern: '" + c + "' names no term");
        }
      }
      String term;
      if (p.charAt(i) == '"') {
        int end = p.indexOf('"', i + 1);
        if (end < 0) {
          throw LogsService.invalidParameter(
              "Invalid filter pattern: unterminated quoted phrase in " + pattern);
        }
        term = p.substring(i + 1, end);
        i = end + 1;
      } else {
        int end = i;
        while (end < p.length() && p.charAt(end) != ' ' && p.charAt(end) != '\t') {
          end++;
        }
        term = p.substring(i, end);
        i = end;
      }
      if (!term.isEmpty()) {
        into.add(term);
      }
    }
    return new FilterPattern(
        List.copyOf(required), List.copyOf(alternatives), List.copyOf(excluded));
  }

  boolean matches(String message) {
    for (String t : required) {
      if (!message.contains(t)) {
        return false;
      }
    }
    for (String t : excluded) {
      if (message.contains(t)) {
        return false;
      }
    }
    if (alternatives.isEmpty()) {
      return true;
    }
    for (String t : alternatives) {
      if (message.contains(t)) {
        return true;
      }
    }
    return false;
  }
}
