package dev.turnpike.template;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code $input} variable of one rendering. Public only because the template engine calls its
 * methods reflectively; instances are made per rendering and used by one thread.
 *
 * <p>Implementation notes, per "$input variables" in
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-mapping-template-reference.html
 * and spec 6.8:
 *
 * <ul>
 *   <li>{@code params()} is a map with keys {@code path}, {@code querystring}, {@code header}, each
 *       mapping a name to its first value; {@code params(x)} looks in that order and answers {@code
 *       ""} when absent. Header names are matched case-insensitively by {@code params(x)} (HTTP
 *       header names are case-insensitive); the {@code header} map keeps names as received.
 *   <li>{@code json(x)} answers JSON text; a blank body counts as {@code {}} (LocalStack does the
 *       same; [IMPL]) and a missing path gives {@code null} ([UNCONF]).
 *   <li>{@code path(x)} answers objects (see {@link VtlJson}); a blank or {@code null} body, or a
 *       missing path, gives {@code null}, which renders as nothing ([REC] spec 6.8).
 *   <li>A body that is not JSON fails the rendering when {@code json}/{@code path} is used.
 * </ul>
 */
public final class InputVariable {

  private final String body;
  private final Map<String, Map<String, String>> params;
  private @Nullable JsonNode parsedBody;
  private boolean parsed;

  InputVariable(TemplateInput input) {
    this.body = input.body();
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    all.put("path", input.pathParams());
    all.put("querystring", firstValues(input.queryParams()));
    all.put("header", firstValues(input.headers()));
    this.params = Collections.unmodifiableMap(all);
  }

  /** {@code $input.body}: the raw payload as text, {@code ""} if none. */
  public String getBody() {
    return body;
  }

  /** {@code $input.json(x)}: the JSON text found at the JSONPath {@code x}. */
  public String json(String path) {
    JsonNode root = parsedBody();
    if (root == null) {
      root = VtlJson.MAPPER.createObjectNode();
    }
    return VtlJson.write(JsonPath.select(root, path));
  }

  /** {@code $input.path(x)}: the object found at the JSONPath {@code x}, or {@code null}. */
  public @Nullable Object path(String path) {
    JsonNode root = parsedBody();
    return root == null ? null : VtlJson.toVtl(JsonPath.select(root, path));
  }

  /** {@code $input.params()}: {@code path}, {@code querystring} and {@code header} maps. */
  public Map<String, Map<String, String>> params() {
    return params;
  }

  /** {@code $input.params(x)}: the value of {@code x} from path, then query string, then header. */
  public String params(String name) {
    String value = requireNonNull(params.get("path"), "path").get(name);
    if (value == null) {
      value = requireNonNull(params.get("querystring"), "querystring").get(name);
    }
    if (value == null) {
      value = requireNonNull(params.get("header"), "header").get(name);
    }
    if (value == null) {
      for (Map.Entry<String, String> header :
          requireNonNull(params.get("header"), "header").entrySet()) {
        if (header.getKey().equalsIgnoreCase(name)) {
          return header.getValue();
        }
      }
    }
    return value == null ? "" : value;
  }

  @Override
  public String toString() {
    return "$input";
  }

  private @Nullable JsonNode parsedBody() {
    if (!parsed) {
      try {
        parsedBody = VtlJson.parse(body);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("body is not valid JSON: " + e.getOriginalMessage(), e);
      }
      parsed = true;
    }
    return parsedBody;
  }

  private static Map<String, String> firstValues(Map<String, List<String>> multi) {
    Map<String, String> first = new LinkedHashMap<>();
    multi.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            first.put(name, values.get(0));
          }
        });
    return Collections.unmodifiableMap(first);
  }
}
