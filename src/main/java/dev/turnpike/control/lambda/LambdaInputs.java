package dev.turnpike.control.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How every {@code lambda} operation reads its request members and words Lambda's refusals of them
 * ({@code ValidationException}, {@code InvalidParameterValueException}, the 412 of a stale {@code
 * RevisionId}): one home for them, shared by the operation classes.
 */
final class LambdaInputs {
  private LambdaInputs() {}

  static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  static int intValue(JsonNode b, String field, int dflt, int min, int max, String member) {
    JsonNode v = b.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    int n = v.asInt();
    if (n < min) {
      throw validation(
          "1 validation error detected: Value '"
              + n
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value greater than or equal to "
              + min);
    }
    if (n > max) {
      throw validation(
          "1 validation error detected: Value '"
              + n
              + "' at '"
              + member
              + "' failed to satisfy constraint: Member must have value less than or equal to "
              + max);
    }
    return n;
  }

  static @Nullable Map<String, String> stringMap(JsonNode node) {
    if (!node.isObject()) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), e.getValue().asText());
    }
    return m;
  }

  /** {@code ?MaxItems} (1 to 10,000; default 50) with Lambda's validation message. */
  static int maxItems(ApiCall call) {
    String maxItems = call.query("MaxItems");
    if (maxItems == null) {
      return 50;
    }
    int max;
    try {
      max = Integer.parseInt(maxItems);
    } catch (NumberFormatException e) {
      max = -1;
    }
    if (max < 1 || max > 10_000) {
      throw validation(
          "1 validation error detected: Value '"
              + maxItems
              + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1"
              + " and 10000");
    }
    return max;
  }

  static ApiException invalidParameter(String message) {
    return new ApiException(400, "InvalidParameterValueException", message);
  }

  static ApiException validation(String message) {
    return new ApiException(400, "ValidationException", message);
  }

  /** AWS: a stale RevisionId is 412 PreconditionFailedException. */
  static ApiException staleRevision() {
    return new ApiException(
        412,
        "PreconditionFailedException",
        "The Revision Id provided does not match the latest Revision Id. Call the"
            + " GetFunction/GetAlias API to retrieve the latest Revision Id");
  }
}
