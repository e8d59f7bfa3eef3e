package dev.turnpike.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between JSON text and the objects a template sees.
 *
 * <p>Implementation notes: the recorded API Gateway quirk (spec 6.8, LocalStack {@code
 * test_input_path_template_formatting}) is that an object returned by {@code $input.path('$')}
 * prints in Java map syntax ({@code {foo=bar}}) while a list prints as compact JSON ({@code
 * [{"foo":"bar"}]}), everything inside the list included. Objects therefore become plain {@link
 * LinkedHashMap}s (whose {@code toString} is Java syntax) and arrays become {@link JsonList}s whose
 * {@code toString} is JSON. Floats are kept as {@code BigDecimal} so a value is printed as it was
 * sent.
 */
final class VtlJson {

  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  private VtlJson() {}

  /** Parses JSON text; blank text is {@code null}. */
  static @Nullable JsonNode parse(String text) throws JsonProcessingException {
    return text.isBlank() ? null : MAPPER.readTree(text);
  }

  /** Compact JSON text of a node or plain value ({@code null} prints {@code null}). */
  static String write(@Nullable Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "value is not serializable as JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The template-facing object for a node: map, {@link JsonList}, String, number, Boolean or null.
   */
  static @Nullable Object toVtl(@Nullable JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, @Nullable Object> map = new LinkedHashMap<>();
      node.properties().forEach(e -> map.put(e.getKey(), toVtl(e.getValue())));
      return map;
    }
    if (node.isArray()) {
      JsonList list = new JsonList();
      node.forEach(item -> list.add(toVtl(item)));
      return list;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    return node.asText(); // binary/POJO nodes never come out of readTree
  }

  /** A JSON array as a template sees it: a mutable list whose text form is compact JSON. */
  static final class JsonList extends ArrayList<@Nullable Object> {
    private static final long serialVersionUID = 1L;

    @Override
    public String toString() {
      return write(this);
    }
  }
}
