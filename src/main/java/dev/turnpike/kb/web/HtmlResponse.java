package dev.turnpike.kb.web;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A rendered page: status, headers (content type, caching, security) and the UTF-8 body. */
public record HtmlResponse(int status, Map<String, String> headers, byte[] body) {
  /**
   * No external resource may load and no script may run; only the page's own inline style applies.
   */
  static final String CSP = "default-src 'none'; style-src 'unsafe-inline'";

  public HtmlResponse {
    headers = Map.copyOf(headers);
  }

  static HtmlResponse of(int status, String cacheControl, String html) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put("Content-Type", "text/html; charset=utf-8");
    h.put("Cache-Control", cacheControl);
    h.put("Content-Security-Policy", CSP);
    h.put("X-Content-Type-Options", "nosniff");
    h.put("X-Frame-Options", "DENY");
    h.put("Referrer-Policy", "no-referrer");
    return new HtmlResponse(status, h, html.getBytes(StandardCharsets.UTF_8));
  }

  HtmlResponse withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new HtmlResponse(status, h, body);
  }
}
