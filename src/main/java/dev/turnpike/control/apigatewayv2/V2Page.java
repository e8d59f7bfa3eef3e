package dev.turnpike.control.apigatewayv2;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * apigatewayv2 pagination: {@code maxResults} (a string in the model; Turnpike defaults to 25,
 * allows up to 500) and an opaque {@code nextToken}, answered as {@code {"items": [...],
 * "nextToken": ...}}.
 */
final class V2Page {
  private static final int DEFAULT = 25;
  private static final int MAX = 500;

  private V2Page() {}

  static <T> V2Shapes.Items<T> of(List<T> all, ApiCall call) {
    int limit = DEFAULT;
    String l = call.query("maxResults");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Invalid maxResults: " + l);
      }
      if (limit < 1 || limit > MAX) {
        throw ApiException.badRequest("maxResults must be between 1 and " + MAX + ": " + l);
      }
    }
    int start = 0;
    String token = call.query("nextToken");
    if (token != null && !token.isEmpty()) {
      try {
        start =
            Integer.parseInt(
                new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("Invalid nextToken");
      }
      if (start < 0 || start > all.size()) {
        throw ApiException.badRequest("Invalid nextToken");
      }
    }
    int end = Math.min(all.size(), start + limit);
    String next =
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8))
            : null;
    return new V2Shapes.Items<>(List.copyOf(all.subList(start, end)), next);
  }
}
