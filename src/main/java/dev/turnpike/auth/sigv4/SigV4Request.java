package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A request as received, before any decoding. Header names are case-insensitive; repeated headers
 * are allowed and kept in arrival order.
 *
 * <p>The body array is not copied: callers hand over a buffer they no longer mutate.
 *
 * @param method the HTTP method as sent, e.g. {@code GET}
 * @param rawPath the request path exactly as on the request line, still percent-encoded
 * @param rawQuery the query string without {@code '?'}, {@code ""} if none, still encoded
 * @param headers every header in arrival order
 * @param body the payload bytes, empty if none
 */
public record SigV4Request(
    String method,
    String rawPath,
    String rawQuery,
    List<Map.Entry<String, String>> headers,
    byte[] body) {

  public SigV4Request {
    requireNonNull(method, "method");
    requireNonNull(rawPath, "rawPath");
    requireNonNull(rawQuery, "rawQuery");
    headers = List.copyOf(requireNonNull(headers, "headers"));
    requireNonNull(body, "body");
  }

  /** Returns the first value of the named header (case-insensitive), or null. */
  public @Nullable String header(String name) {
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        return h.getValue();
      }
    }
    return null;
  }

  /** Returns every value of the named header (case-insensitive), in arrival order. */
  public List<String> headerValues(String name) {
    List<String> values = new ArrayList<>(1);
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        values.add(h.getValue());
      }
    }
    return values;
  }

  /**
   * Returns a copy with the named headers removed (case-insensitive) and {@code added} appended.
   */
  public SigV4Request withHeaders(List<String> removed, List<Map.Entry<String, String>> added) {
    List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size() + added.size());
    for (Map.Entry<String, String> h : headers) {
      if (removed.stream().noneMatch(r -> r.equalsIgnoreCase(h.getKey()))) {
        copy.add(h);
      }
    }
    copy.addAll(added);
    return new SigV4Request(method, rawPath, rawQuery, copy, body);
  }

  /** Returns a copy with another query string (without {@code '?'}). */
  public SigV4Request withRawQuery(String newRawQuery) {
    return new SigV4Request(method, rawPath, newRawQuery, headers, body);
  }

  @Override
  public String toString() {
    // Header values may carry tokens; only the request line is safe to print.
    return "SigV4Request[" + method + ' ' + rawPath + (rawQuery.isEmpty() ? "" : "?…") + ']';
  }
}
