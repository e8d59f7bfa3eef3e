package dev.turnpike.control;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * AWS's list pagination: {@code limit} (default 25, max 500) and an opaque {@code position} token,
 * answered as {@code {"item": [...], "position": "..."}} (the botocore shapes name the list member
 * {@code item}).
 */
public record Page<T>(List<T> item, @Nullable String position) {
  public static final int DEFAULT_LIMIT = 25;
  public static final int MAX_LIMIT = 500;

  /**
   * Pages {@code all} (already in a stable order) from the call's {@code position} and {@code
   * limit}.
   */
  public static <T> Page<T> of(List<T> all, ApiCall call) {
    int limit = DEFAULT_LIMIT;
    String l = call.query("limit");
    if (l != null) {
      try {
        limit = Integer.parseInt(l);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("Invalid limit: " + l);
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw ApiException.badRequest(
            "1 validation error detected: Value '"
                + l
                + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and"
                + " 500");
      }
    }
    int start = 0;
    String p = call.query("position");
    if (p != null && !p.isEmpty()) {
      try {
        start =
            Integer.parseInt(new String(Base64.getUrlDecoder().decode(p), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw ApiException.badRequest("Invalid position parameter");
      }
      if (start < 0 || start > all.size()) {
        throw ApiException.badRequest("Invalid position parameter");
      }
    }
    int end = Math.min(all.size(), start + limit);
    String next =
        end < all.size()
            ? Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(Integer.toString(end).getBytes(StandardCharsets.UTF_8))
            : null;
    return new Page<>(List.copyOf(all.subList(start, end)), next);
  }
}
