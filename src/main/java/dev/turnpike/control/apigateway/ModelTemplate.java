package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map.Entry;

/**
 * GetModelTemplate: a mapping template generated from a model's (flattened) schema, as the
 * console's "Generate template" writes one: {@code #set($inputRoot = $input.path('$'))}, then the
 * object's properties with strings quoted and other types bare, arrays walked with {@code
 * #foreach}. [UNCONF: AWS's exact whitespace is not recorded.]
 */
final class ModelTemplate {
  private static final int MAX_DEPTH = 8;

  private ModelTemplate() {}

  static String of(JsonNode schema) {
    StringBuilder b = new StringBuilder("#set($inputRoot = $input.path('$'))\n");
    value(b, schema, schema, "$inputRoot", "", 0);
    return b.toString();
  }

  private static void value(
      StringBuilder b, JsonNode root, JsonNode schema, String ref, String indent, int depth) {
    JsonNode s = resolve(root, schema);
    String type = s.path("type").asText(s.has("properties") ? "object" : "");
    if (depth > MAX_DEPTH) {
      b.append(ref);
      return;
    }
    switch (type) {
      case "object" -> {
        b.append("{\n");
        JsonNode props = s.path("properties");
        boolean first = true;
        for (Entry<String, JsonNode> e : props.properties()) {
          if (!first) {
            b.append(",\n");
          }
          first = false;
          b.append(indent).append("  \"").append(e.getKey()).append("\" : ");
          value(b, root, e.getValue(), ref + "." + e.getKey(), indent + "  ", depth + 1);
        }
        b.append('\n').append(indent).append('}');
      }
      case "array" -> {
        String elem = "$elem" + (depth == 0 ? "" : String.valueOf(depth));
        b.append("[\n").append("#foreach(").append(elem).append(" in ").append(ref).append(")\n");
        b.append(indent).append(' ');
        value(b, root, s.path("items"), elem, indent + " ", depth + 1);
        b.append("#if($foreach.hasNext),#end\n\n#end\n").append(indent).append(']');
      }
      case "string" -> b.append('"').append(ref).append('"');
      default -> b.append(ref);
    }
  }

  /** Follows a local {@code #/definitions/X} reference (a flattened model's). */
  private static JsonNode resolve(JsonNode root, JsonNode schema) {
    JsonNode ref = schema.get("$ref");
    if (ref != null && ref.asText().startsWith("#/")) {
      JsonNode target = root.at(ref.asText().substring(1));
      return target.isMissingNode() ? schema : target;
    }
    return schema;
  }
}
