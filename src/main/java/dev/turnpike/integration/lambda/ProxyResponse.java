package dev.turnpike.integration.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Lambda proxy response validated as API Gateway validates it (spec 6.5, recorded): a JSON object
 * with at least one member, only {@code statusCode}, {@code headers}, {@code multiValueHeaders},
 * {@code body} and {@code isBase64Encoded}; {@code statusCode} a number or a numeric string
 * (default 200); header values scalars ({@code true} becomes {@code "true"}); multi-value headers
 * lists, merged before single ones under the first spelling of a name ({@code tesT-Multi:
 * value-multi, value-solo}); {@code body} a string. Anything else is {@link Malformed}, with the
 * part that was wrong, so {@code explain} can say it.
 */
final class ProxyResponse {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> MEMBERS =
      Set.of("statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded");

  private ProxyResponse() {}

  /** What validation found. */
  sealed interface Result permits Valid, Malformed {}

  /**
   * A valid response; {@code base64} is {@code isBase64Encoded}: the body is passed on as sent
   * (decoding applies only with binary media types, which REST APIs do not serve yet).
   */
  record Valid(int status, HttpHeaders headers, byte[] body, boolean base64) implements Result {}

  /** A malformed response, and why, in words an operator can act on. */
  record Malformed(String reason) implements Result {}

  static Result validate(byte[] payload) {
    JsonNode root;
    try {
      root = MAPPER.readTree(payload);
    } catch (JsonProcessingException e) {
      return new Malformed("the function's result is not JSON");
    } catch (java.io.IOException e) {
      return new Malformed("the function's result could not be read");
    }
    if (!(root instanceof ObjectNode o)) {
      return new Malformed(
          "the function returned "
              + (root == null || root.isMissingNode() ? "nothing" : kind(root))
              + ", not an object with statusCode, headers and body");
    }
    if (o.isEmpty()) {
      return new Malformed("the function returned an empty object {}");
    }
    for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!MEMBERS.contains(name)) {
        return new Malformed(
            "unknown member \""
                + name
                + "\" (allowed: statusCode, headers, multiValueHeaders, body, isBase64Encoded)");
      }
    }
    int status = 200;
    JsonNode s = o.get("statusCode");
    if (s != null && !s.isNull()) {
      Integer parsed = status(s);
      if (parsed == null) {
        return new Malformed("statusCode " + s + " is not an HTTP status code");
      }
      status = parsed;
    }
    Map<String, List<String>> merged = new LinkedHashMap<>();
    Map<String, String> spelling = new LinkedHashMap<>();
    JsonNode multi = o.get("multiValueHeaders");
    if (multi != null && !multi.isNull()) {
      if (!multi.isObject()) {
        return new Malformed("multiValueHeaders is " + kind(multi) + ", not an object of lists");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = multi.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isArray()) {
          return new Malformed(
              "multiValueHeaders." + e.getKey() + " is " + kind(e.getValue()) + ", not a list");
        }
        for (JsonNode v : e.getValue()) {
          String text = scalar(v);
          if (text == null) {
            return new Malformed(
                "multiValueHeaders." + e.getKey() + " holds " + kind(v) + ", not a string");
          }
          add(merged, spelling, e.getKey(), text);
        }
      }
    }
    JsonNode headers = o.get("headers");
    if (headers != null && !headers.isNull()) {
      if (!headers.isObject()) {
        return new Malformed("headers is " + kind(headers) + ", not an object");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (e.getValue().isNull()) {
          continue;
        }
        String text = scalar(e.getValue());
        if (text == null) {
          return new Malformed(
              "headers." + e.getKey() + " is " + kind(e.getValue()) + ", not a string");
        }
        add(merged, spelling, e.getKey(), text);
      }
    }
    HttpHeaders out = new DefaultHttpHeaders(false);
    for (Map.Entry<String, List<String>> h : merged.entrySet()) {
      String name = spelling.getOrDefault(h.getKey(), h.getKey());
      String value = String.join(", ", h.getValue());
      if (!token(name) || hasControl(value)) {
        // Never let a function inject a line break or a bad name into the client's response.
        return new Malformed("header " + printable(name) + " has an invalid name or value");
      }
      out.add(name, value);
    }
    byte[] body = new byte[0];
    JsonNode b = o.get("body");
    if (b != null && !b.isNull()) {
      if (!b.isTextual()) {
        return new Malformed("body is " + kind(b) + ", not a string (stringify it)");
      }
      body = b.asText().getBytes(StandardCharsets.UTF_8);
    }
    JsonNode base64 = o.get("isBase64Encoded");
    boolean encoded = base64 != null && (base64.asBoolean(false));
    return new Valid(status, out, body, encoded);
  }

  private static void add(
      Map<String, List<String>> merged, Map<String, String> spelling, String name, String value) {
    String key = name.toLowerCase(Locale.ROOT);
    spelling.putIfAbsent(key, name);
    merged.computeIfAbsent(key, k -> new ArrayList<>(2)).add(value);
  }

  private static @Nullable Integer status(JsonNode s) {
    int value;
    if (s.isIntegralNumber() && s.canConvertToInt()) {
      value = s.asInt();
    } else if (s.isTextual() && s.asText().matches("\\d{1,3}")) {
      value = Integer.parseInt(s.asText());
    } else {
      return null;
    }
    return value >= 100 && value <= 599 ? value : null;
  }

  /** A header value's text: strings, numbers and booleans; null for objects and lists. */
  private static @Nullable String scalar(JsonNode v) {
    return v.isValueNode() && !v.isNull() ? v.asText() : null;
  }

  private static boolean token(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' && c != '\t' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static String printable(String name) {
    return "\"" + name.replaceAll("[\\p{Cntrl}]", "?") + "\"";
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "a list";
      case OBJECT -> "an object";
      case NULL -> "null";
      default -> "not JSON";
    };
  }
}
