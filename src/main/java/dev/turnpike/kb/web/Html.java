package dev.turnpike.kb.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * HTML escaping for text and attribute values (one rule for both: every markup-significant
 * character).
 */
final class Html {
  private Html() {}

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A query-string component (UTF-8, spaces as {@code +}), for links built from user or article
   * values.
   */
  static String urlComponent(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
