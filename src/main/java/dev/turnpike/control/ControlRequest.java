package dev.turnpike.control;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A control-plane request as received: raw path and query (still encoded), headers in order, body
 * bytes.
 */
public record ControlRequest(
    String method,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    byte[] body,
    String sourceIp) {

  public ControlRequest {
    headers = List.copyOf(headers);
  }

  public @Nullable String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }
}
