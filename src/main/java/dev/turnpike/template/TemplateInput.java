package dev.turnpike.template;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a template may read. Immutable: the compact constructor takes deep, unmodifiable
 * copies, so a template cannot change what the caller (or a concurrent rendering) sees.
 *
 * @param body request (or response) body as text, {@code ""} if none
 * @param pathParams path parameters by name
 * @param queryParams query-string parameters by name, all values in received order
 * @param headers headers by name as received, all values in received order
 * @param context {@code $context.*} values (requestId, resourcePath, httpMethod, stage, apiId,
 *     identity.sourceIp, error.message, error.messageString, error.responseType, ...); nested maps
 *     and lists are allowed
 * @param stageVariables {@code $stageVariables.*}
 */
public record TemplateInput(
    String body,
    Map<String, String> pathParams,
    Map<String, List<String>> queryParams,
    Map<String, List<String>> headers,
    Map<String, Object> context,
    Map<String, String> stageVariables) {

  /** Validates and takes deep unmodifiable copies; iteration order of every map is preserved. */
  public TemplateInput {
    requireNonNull(body, "body");
    pathParams = copyOf(requireNonNull(pathParams, "pathParams"));
    queryParams = copyOfMulti(requireNonNull(queryParams, "queryParams"));
    headers = copyOfMulti(requireNonNull(headers, "headers"));
    context = deepCopy(requireNonNull(context, "context"));
    stageVariables = copyOf(requireNonNull(stageVariables, "stageVariables"));
  }

  /** An input with only a body; every map empty. Handy for response templates and tests. */
  public static TemplateInput ofBody(String body) {
    return new TemplateInput(body, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());
  }

  private static <V> Map<String, V> copyOf(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  private static Map<String, List<String>> copyOfMulti(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    map.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(key, deepCopyValue(value)));
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object deepCopyValue(@Nullable Object value) {
    if (value instanceof Map<?, ?> nested) {
      return deepCopy((Map<String, ?>) nested);
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      list.forEach(item -> copy.add(deepCopyValue(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
