package dev.turnpike.template;

import com.fasterxml.jackson.databind.JsonNode;
import org.jspecify.annotations.Nullable;

/**
 * The JSONPath subset that {@code $input.json(x)} and {@code $input.path(x)} accept: the root
 * {@code $}, then any sequence of {@code .field}, {@code ['field']} / {@code ["field"]} and {@code
 * [n]}.
 *
 * <p>Implementation notes: API Gateway documents JSONPath without naming a dialect
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html).
 * Deviation: wildcards, recursive descent, slices and filters are refused with a message rather
 * than guessed at; a path that does not exist yields {@code null} instead of an error.
 */
final class JsonPath {

  private JsonPath() {}

  /**
   * Evaluates {@code path} against {@code root}.
   *
   * @return the node found, or {@code null} if any step is missing
   * @throws IllegalArgumentException if the path uses syntax outside the subset
   */
  static @Nullable JsonNode select(JsonNode root, String path) {
    String p = path.strip();
    if (p.isEmpty() || p.charAt(0) != '$') {
      throw unsupported(path, "must start with '$'");
    }
    @Nullable JsonNode current = root;
    int i = 1;
    while (i < p.length()) {
      char c = p.charAt(i);
      if (c == '.') {
        if (i + 1 < p.length() && p.charAt(i + 1) == '.') {
          throw unsupported(path, "recursive descent '..'");
        }
        int end = i + 1;
        while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
          end++;
        }
        String field = p.substring(i + 1, end);
        if (field.isEmpty() || field.equals("*")) {
          throw unsupported(path, "field name expected at index " + (i + 1));
        }
        current = field(current, field);
        i = end;
      } else if (c == '[') {
        int close = p.indexOf(']', i);
        if (close < 0) {
          throw unsupported(path, "unclosed '['");
        }
        String inside = p.substring(i + 1, close).strip();
        current = bracket(current, inside, path);
        i = close + 1;
      } else {
        throw unsupported(path, "unexpected '" + c + "' at index " + i);
      }
    }
    return current == null || current.isMissingNode() ? null : current;
  }

  private static @Nullable JsonNode bracket(
      @Nullable JsonNode current, String inside, String path) {
    if (inside.length() >= 2
        && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
        && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
      return field(current, inside.substring(1, inside.length() - 1));
    }
    if (!inside.isEmpty() && inside.chars().allMatch(Character::isDigit)) {
      int index;
      try {
        index = Integer.parseInt(inside);
      } catch (NumberFormatException e) {
        return null; // beyond int range: no array is that long
      }
      return current != null && current.isArray() ? current.get(index) : null;
    }
    throw unsupported(path, "'[" + inside + "]' (expected: [n] or ['field'])");
  }

  private static @Nullable JsonNode field(@Nullable JsonNode current, String name) {
    return current != null && current.isObject() ? current.get(name) : null;
  }

  private static IllegalArgumentException unsupported(String path, String why) {
    return new IllegalArgumentException(
        "unsupported JSONPath '" + path + "': " + why + " (supported: $, .field, ['field'], [n])");
  }
}
