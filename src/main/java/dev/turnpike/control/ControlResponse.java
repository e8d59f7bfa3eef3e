package dev.turnpike.control;

import dev.turnpike.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A control-plane response: status, extra headers, body bytes (JSON unless the content type says
 * otherwise); or, for an operation that waits on something other than the store (Lambda's
 * synchronous {@code Invoke}), the response {@code later}, so the single control thread is free
 * while it waits.
 */
public record ControlResponse(
    int status,
    Map<String, String> headers,
    byte[] body,
    @Nullable CompletableFuture<ControlResponse> later) {
  public ControlResponse {
    headers = Map.copyOf(headers);
  }

  public ControlResponse(int status, Map<String, String> headers, byte[] body) {
    this(status, headers, body, null);
  }

  /**
   * The response once {@code later} completes (on any thread; an exceptional completion is rendered
   * as the error it carries).
   */
  public static ControlResponse deferred(CompletableFuture<ControlResponse> later) {
    return new ControlResponse(0, Map.of(), new byte[0], later);
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
