package dev.turnpike.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Small typed reads of a document tree; absent and wrongly typed members read as null. */
final class Nodes {
  private Nodes() {}

  static @Nullable String text(@Nullable JsonNode node, String member) {
    JsonNode v = node == null ? null : node.get(member);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  static @Nullable Integer integer(@Nullable JsonNode node, String member) {
    JsonNode v = node == null ? null : node.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      return v.intValue();
    }
    if (v.isTextual()) {
      try {
        return Integer.valueOf(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static @Nullable Boolean bool(@Nullable JsonNode node, String member) {
    JsonNode v = node == null ? null : node.get(member);
    if (v == null || v.isNull()) {
      return null;
    }
    return v.isBoolean() ? v.booleanValue() : Boolean.valueOf(v.asText());
  }

  static @Nullable List<String> textList(@Nullable JsonNode node, String member) {
    JsonNode v = node == null ? null : node.get(member);
    if (v == null || !v.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    v.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** An object member's entries in document order (empty when absent or not an object). */
  static Map<String, JsonNode> fields(@Nullable JsonNode node, String member) {
    JsonNode v = node == null ? null : node.get(member);
    return fields(v);
  }

  static Map<String, JsonNode> fields(@Nullable JsonNode v) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    if (v != null && v.isObject()) {
      v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    }
    return out;
  }

  /**
   * String-valued map members ({@code requestTemplates}, {@code responseParameters}); an object or
   * array value (a template written as JSON) is kept as its JSON text.
   */
  static @Nullable Map<String, String> textMap(@Nullable JsonNode node, String member) {
    JsonNode v = node == null ? null : node.get(member);
    if (v == null || !v.isObject()) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    v.fields()
        .forEachRemaining(
            e ->
                out.put(
                    e.getKey(),
                    e.getValue().isContainerNode()
                        ? e.getValue().toString()
                        : e.getValue().asText()));
    return out;
  }
}
