package dev.turnpike.control;

import dev.turnpike.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A control-plane response: status, extra headers, body bytes (JSON unless the content type says
 * otherwise).
 */
public record ControlResponse(int status, Map<String, String> headers, byte[] body) {
  public ControlResponse {
    headers = Map.copyOf(headers);
  }

  public static ControlResponse json(int status, String json) {
    return new ControlResponse(
        status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
  }

  public static ControlResponse empty(int status) {
    return new ControlResponse(status, Map.of("Content-Type", "application/json"), new byte[0]);
  }

  /**
   * AWS's REST-JSON error shape: {@code x-amzn-ErrorType} header and {@code {"message": ...}} body.
   */
  public static ControlResponse error(ApiException e) {
    String body = "{\"message\":" + Json.quote(e.getMessage()) + "}";
    return new ControlResponse(
        e.status(),
        Map.of("Content-Type", "application/json", "x-amzn-ErrorType", e.errorType()),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
