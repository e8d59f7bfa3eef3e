package dev.turnpike.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.networknt.schema.Error;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code $context.error.validationErrorString} as AWS prints it: the validator's messages in one
 * bracketed, comma-separated list. AWS's wording is that of the validator it runs (the
 * java-json-tools one), not the one Turnpike uses, so each error is reworded from its keyword and
 * values. Recorded: {@code object has missing required properties (["email","password"])}, every
 * missing property of one object in one message (spec 11.2); the {@code enum} form is quoted in the
 * spec [UNCONF]; the other keywords follow the same validator's texts [UNCONF]. Errors inside an
 * {@code anyOf} or {@code oneOf} become that keyword's one message, as there.
 */
final class ValidationErrorText {
  private ValidationErrorText() {}

  static String of(List<Error> errors) {
    List<String> out = new ArrayList<>();
    Map<String, List<String>> required = new LinkedHashMap<>();
    Map<String, List<String>> additional = new LinkedHashMap<>();
    Map<String, Set<String>> anyOf = new LinkedHashMap<>();
    List<String> oneOfPaths = new ArrayList<>();
    for (Error e : errors) {
      String path = String.valueOf(e.getEvaluationPath());
      String instance = String.valueOf(e.getInstanceLocation());
      int any = path.indexOf("/anyOf/");
      if (any >= 0) {
        String rest = path.substring(any + "/anyOf/".length());
        int slash = rest.indexOf('/');
        anyOf
            .computeIfAbsent(instance + "|" + path.substring(0, any), k -> new LinkedHashSet<>())
            .add(slash < 0 ? rest : rest.substring(0, slash));
        continue;
      }
      if (insideOneOf(path, oneOfPaths)) {
        continue;
      }
      switch (e.getKeyword()) {
        case "required" -> group(required, instance, e.getProperty(), out, "required");
        case "additionalProperties" ->
            group(additional, instance, e.getProperty(), out, "additionalProperties");
        case "oneOf" -> {
          oneOfPaths.add(path + "/");
          out.add(
              "instance failed to match exactly one schema (matched "
                  + arg(e, 0)
                  + " out of "
                  + e.getSchemaNode().size()
                  + ")");
        }
        default -> out.add(message(e));
      }
    }
    for (Set<String> failedBranches : anyOf.values()) {
      // anyOf failed, so every branch failed: the failing branches are all of them.
      out.add(
          "instance failed to match at least one required schema among " + failedBranches.size());
    }
    List<String> rendered = new ArrayList<>(out.size());
    for (String s : out) {
      rendered.add(expand(s, required, additional));
    }
    return rendered.toString();
  }

  private static boolean insideOneOf(String path, List<String> oneOfPaths) {
    for (String p : oneOfPaths) {
      if (path.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  /** One placeholder per object for its missing (or not allowed) properties, filled at the end. */
  private static void group(
      Map<String, List<String>> byInstance,
      String instance,
      @Nullable String property,
      List<String> out,
      String kind) {
    List<String> names = byInstance.get(instance);
    if (names == null) {
      names = new ArrayList<>();
      byInstance.put(instance, names);
      out.add("\u0000" + kind + "\u0000" + instance);
    }
    names.add(property == null ? "" : property);
  }

  private static String expand(
      String s, Map<String, List<String>> required, Map<String, List<String>> additional) {
    if (s.isEmpty() || s.charAt(0) != '\u0000') {
      return s;
    }
    String[] parts = s.substring(1).split("\u0000", 2);
    if (parts[0].equals("required")) {
      return "object has missing required properties ("
          + jsonList(required.getOrDefault(parts[1], List.of()))
          + ")";
    }
    return "object instance has properties which are not allowed by the schema: "
        + jsonList(additional.getOrDefault(parts[1], List.of()));
  }

  private static String message(Error e) {
    JsonNode value = e.getInstanceNode();
    JsonNode schema = e.getSchemaNode();
    return switch (e.getKeyword()) {
      case "type" ->
          "instance type ("
              + typeOf(value)
              + ") does not match any allowed primitive type (allowed: "
              + allowed(schema)
              + ")";
      case "enum" ->
          "instance value (" + value + ") not found in enum (possible values: " + schema + ")";
      case "minLength" ->
          "string "
              + value
              + " is too short (length: "
              + value.asText().codePointCount(0, value.asText().length())
              + ", required minimum: "
              + schema
              + ")";
      case "maxLength" ->
          "string "
              + value
              + " is too long (length: "
              + value.asText().codePointCount(0, value.asText().length())
              + ", maximum allowed: "
              + schema
              + ")";
      case "minimum" ->
          equal(value, schema)
              ? "numeric instance is not strictly greater than the required minimum " + schema
              : "numeric instance is lower than the required minimum (minimum: "
                  + schema
                  + ", found: "
                  + value
                  + ")";
      case "maximum" ->
          equal(value, schema)
              ? "numeric instance is not strictly lower than the required maximum " + schema
              : "numeric instance is greater than the required maximum (maximum: "
                  + schema
                  + ", found: "
                  + value
                  + ")";
      case "multipleOf" -> "remainder of division is not zero (" + value + " / " + schema + ")";
      case "pattern" -> "ECMA 262 regex " + schema + " does not match input string " + value;
      case "minItems" ->
          "array is too short: must have at least "
              + schema
              + " elements but instance has "
              + value.size()
              + " elements";
      case "maxItems" ->
          "array is too long: must have at most "
              + schema
              + " elements but instance has "
              + value.size()
              + " elements";
      case "uniqueItems" -> "array must not contain duplicate elements";
      case "minProperties" ->
          "object has too few properties (found "
              + value.size()
              + " but schema requires at least "
              + schema
              + ")";
      case "maxProperties" ->
          "object has too many properties (found "
              + value.size()
              + " but schema requires at most "
              + schema
              + ")";
      case "not" -> "instance matched a schema which it should not have";
      case "format" -> "string " + value + " is not a valid " + schema.asText();
      default -> e.getMessage();
    };
  }

  private static String arg(Error e, int i) {
    Object[] args = e.getArguments();
    return args != null && args.length > i ? String.valueOf(args[i]) : "0";
  }

  /** The allowed types, "integer" added where "number" allows it, in the validator's order. */
  private static String allowed(JsonNode schema) {
    List<String> types = new ArrayList<>();
    if (schema.isArray()) {
      schema.forEach(t -> types.add(t.asText()));
    } else {
      types.add(schema.asText());
    }
    if (types.contains("number") && !types.contains("integer")) {
      types.add("integer");
    }
    types.sort(null);
    return jsonList(types);
  }

  private static String typeOf(JsonNode value) {
    if (value.isIntegralNumber()) {
      return "integer";
    }
    return switch (value.getNodeType()) {
      case ARRAY -> "array";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      case NUMBER -> "number";
      case OBJECT -> "object";
      default -> "string";
    };
  }

  private static boolean equal(JsonNode value, JsonNode bound) {
    if (!value.isNumber() || !bound.isNumber()) {
      return false;
    }
    BigDecimal a = value.decimalValue();
    BigDecimal b = bound.decimalValue();
    return a.compareTo(b) == 0;
  }

  /** {@code ["a","b"]}: JSON strings, no spaces, as the recorded text prints them. */
  private static String jsonList(List<String> names) {
    StringBuilder b = new StringBuilder("[");
    for (String n : names) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append(JsonNodeFactory.instance.textNode(n));
    }
    return b.append(']').toString();
  }
}
