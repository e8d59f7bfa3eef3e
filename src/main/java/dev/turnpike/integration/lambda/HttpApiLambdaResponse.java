package dev.turnpike.integration.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.pipeline.GatewayReply;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A payload 2.0 function result as an HTTP API answers it (spec 6.6): an object with {@code
 * statusCode} is the full form ({@code statusCode}, {@code headers}, {@code cookies} → one {@code
 * Set-Cookie} each, {@code body}, {@code isBase64Encoded}); any other valid JSON is inferred: 200,
 * {@code Content-Type: application/json}, the JSON as the body (a JSON string: its text [UNCONF
 * whether AWS keeps the quotes]). Null when the result is not JSON or the full form is malformed
 * (the integration answers 500).
 */
final class HttpApiLambdaResponse {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private HttpApiLambdaResponse() {}

  static @Nullable GatewayReply v2(byte[] payload) {
    JsonNode root;
    try {
      root = MAPPER.readTree(payload);
    } catch (IOException e) {
      return null;
    }
    if (root == null || root.isMissingNode()) {
      return null;
    }
    if (!root.isObject() || !root.has("statusCode")) {
      HttpHeaders headers = new DefaultHttpHeaders();
      headers.set("Content-Type", "application/json");
      byte[] body =
          root.isTextual() ? root.asText().getBytes(StandardCharsets.UTF_8) : payload.clone();
      return GatewayReply.of(200, headers, body);
    }
    JsonNode status = root.get("statusCode");
    if (!status.isIntegralNumber() || status.asInt() < 100 || status.asInt() > 599) {
      return null;
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    JsonNode h = root.get("headers");
    if (h != null && !h.isNull()) {
      if (!h.isObject()) {
        return null;
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = h.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = e.getValue();
        if (v.isContainerNode()) {
          return null;
        }
        headers.add(e.getKey(), v.isNull() ? "" : v.asText());
      }
    }
    JsonNode cookies = root.get("cookies");
    if (cookies != null && !cookies.isNull()) {
      if (!cookies.isArray()) {
        return null;
      }
      for (JsonNode c : cookies) {
        headers.add("Set-Cookie", c.asText());
      }
    }
    if (!headers.contains("Content-Type")) {
      headers.set("Content-Type", "application/json");
    }
    JsonNode b = root.get("body");
    String text = b == null || b.isNull() ? "" : b.isTextual() ? b.asText() : b.toString();
    JsonNode base64 = root.get("isBase64Encoded");
    byte[] body;
    if (base64 != null && base64.asBoolean(false)) {
      try {
        body = Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        return null;
      }
    } else {
      body = text.getBytes(StandardCharsets.UTF_8);
    }
    return GatewayReply.of(status.asInt(), headers, body);
  }
}
