package dev.turnpike.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One entry of an {@code Update*} call's {@code patchOperations} (botocore {@code PatchOperation}).
 */
public record PatchOperation(
    String op, String path, @Nullable String value, @Nullable String from) {
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

  /**
   * Reads {@code patchOperations} from an update body; a missing list is an empty one. {@code
   * input} names the operation's input shape as AWS's request validation does ({@code
   * updateRestApiInput}): an {@code op} outside the model's enum is AWS's {@code
   * ValidationException} naming the entry (1-based) and the enum in AWS's order, before any
   * resource is looked at.
   */
  public static List<PatchOperation> listFrom(ObjectNode body, String input) {
    JsonNode ops = body.get("patchOperations");
    List<PatchOperation> out = new ArrayList<>();
    if (ops == null || ops.isNull()) {
      return out;
    }
    if (!ops.isArray()) {
      throw ApiException.badRequest("patchOperations must be a list");
    }
    List<String> errors = opErrors(body, input);
    if (!errors.isEmpty()) {
      throw validation(errors);
    }
    for (JsonNode o : ops) {
      String op = text(o, "op");
      String path = text(o, "path");
      if (op == null) {
        throw ApiException.badRequest(
            "Invalid patch operation specified. Must be one of: [add, remove, replace, move, copy,"
                + " test]");
      }
      if (path == null || !path.startsWith("/")) {
        throw ApiException.badRequest(
            "Invalid patch path " + (path == null ? "null" : "'" + path + "'"));
      }
      out.add(new PatchOperation(op, path, text(o, "value"), text(o, "from")));
    }
    return out;
  }

  /**
   * AWS's request-validation errors for {@code op}s outside the model's enum, one per entry in
   * order (empty when every op is known), for an operation that adds its own before answering.
   */
  public static List<String> opErrors(ObjectNode body, String input) {
    List<String> errors = new ArrayList<>();
    if (!(body.get("patchOperations") instanceof ArrayNode ops)) {
      return errors;
    }
    int index = 0;
    for (JsonNode o : ops) {
      index++;
      String op = text(o, "op");
      if (op != null && !OPS.contains(op)) {
        errors.add(
            "Value '"
                + op
                + "' at '"
                + input
                + ".patchOperations."
                + index
                + ".member.op' failed to satisfy constraint: Member must satisfy enum value set:"
                + " [add, remove, move, test, replace, copy]");
      }
    }
    return errors;
  }

  /**
   * AWS's request-validation answer: "1 validation error detected: ..." or "N validation errors
   * detected: a; b", each error in input order.
   */
  public static ApiException validation(List<String> errors) {
    return new ApiException(
        400,
        "ValidationException",
        errors.size()
            + (errors.size() == 1
                ? " validation error detected: "
                : " validation errors detected: ")
            + String.join("; ", errors));
  }

  /** The path's segments with JSON-pointer escapes undone ({@code ~1} → '/', {@code ~0} → '~'). */
  public List<String> segments() {
    List<String> out = new ArrayList<>();
    for (String s : path.substring(1).split("/", -1)) {
      out.add(unescape(s));
    }
    return out;
  }

  public String requireValue() {
    if (value == null) {
      throw ApiException.badRequest(
          "Invalid null value for patch operation '" + op + "' at path '" + path + "'");
    }
    return value;
  }

  public static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }

  private static @Nullable String text(JsonNode o, String field) {
    JsonNode n = o.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
