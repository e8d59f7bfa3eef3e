package dev.turnpike.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.store.Documents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of request-body members, each failing with AWS's 400 when the member has the wrong
 * type.
 */
public final class Bodies {
  private Bodies() {}

  public static @Nullable String string(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isTextual()) {
      throw ApiException.badRequest("Invalid value for " + member + ": expected a string");
    }
    return n.asText();
  }

  public static String requiredString(ObjectNode body, String member) {
    String v = string(body, member);
    if (v == null || v.isEmpty()) {
      throw ApiException.badRequest(member + " must be specified");
    }
    return v;
  }

  public static @Nullable Boolean bool(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isBoolean()) {
      throw ApiException.badRequest("Invalid value for " + member + ": expected a boolean");
    }
    return n.asBoolean();
  }

  public static @Nullable Integer integer(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber()) {
      throw ApiException.badRequest("Invalid value for " + member + ": expected an integer");
    }
    return n.asInt();
  }

  public static @Nullable Map<String, String> stringMap(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw ApiException.badRequest("Invalid value for " + member + ": expected a map");
    }
    Map<String, String> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              JsonNode v = e.getValue();
              if (v.isBoolean() || v.isNumber()) {
                throw notAString(v);
              }
              if (!v.isTextual()) {
                throw ApiException.badRequest(
                    "Invalid value for " + member + "." + e.getKey() + ": expected a string");
              }
              out.put(e.getKey(), v.asText());
            });
    return out;
  }

  /**
   * AWS's deserializer answer to a boolean or a number where a string belongs (recorded:
   * PutIntegration requestParameters {@code true}, PutIntegrationResponse responseTemplates {@code
   * 123}).
   */
  private static ApiException notAString(JsonNode v) {
    String javaClass =
        v.isBoolean()
            ? "java.lang.Boolean"
            : "com.amazon.coral.value.json.numbers.TruncatingBigNumber";
    return new ApiException(
        400, "SerializationException", "class " + javaClass + " can not be converted to an String");
  }

  public static @Nullable Map<String, Boolean> boolMap(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw ApiException.badRequest("Invalid value for " + member + ": expected a map");
    }
    Map<String, Boolean> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> {
              if (!e.getValue().isBoolean()) {
                throw ApiException.badRequest(
                    "Invalid value for " + member + "." + e.getKey() + ": expected a boolean");
              }
              out.put(e.getKey(), e.getValue().asBoolean());
            });
    return out;
  }

  public static @Nullable List<String> stringList(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isArray()) {
      throw ApiException.badRequest("Invalid value for " + member + ": expected a list");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : n) {
      if (!e.isTextual()) {
        throw ApiException.badRequest(
            "Invalid value for " + member + ": expected a list of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  /** Serializes a record as AWS JSON. */
  public static ControlResponse json(int status, Object value) {
    return ControlResponse.json(status, Documents.write(value));
  }

  /** Applies a patch to a record by way of its JSON tree and reads it back as the same type. */
  public static <T> T patch(
      T value, Class<T> type, PatchApplier applier, List<PatchOperation> ops) {
    ObjectNode tree = Documents.MAPPER.valueToTree(value);
    applier.apply(tree, ops);
    try {
      return Documents.MAPPER.treeToValue(tree, type);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Invalid patch: " + e.getOriginalMessage());
    }
  }
}
