package dev.turnpike.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Picks the base path mapping (v1) or API mapping (v2) of a custom domain for a request path.
 *
 * <p>Implementation notes (spec 3.3;
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html): only
 * mapping paths are considered, never the APIs' routes; the longest mapping that matches whole path
 * segments wins ({@code /orders/v1/items/123} → {@code orders/v1/items}); the empty mapping {@code
 * (none)} is the fallback; no match at all is AWS's 403 {"message":"Forbidden"}. The matched prefix
 * is stripped before resource routing, so a stage name repeated in the URL stays in the path and
 * misses the resources (403 Missing Authentication Token, the origin-path mistake). Whether AWS
 * matches a partial segment ({@code /ordersX}) is not confirmed; we do not. Matching is
 * case-sensitive, as API paths are.
 */
public final class BasePathMatcher {
  private final List<Mapping> longestFirst;

  /**
   * One mapping: {@code key} without leading or trailing '/', "" for (none); {@code stage} null =
   * stage in URL.
   */
  public record Mapping(String key, String restApiId, @Nullable String stage) {}

  /** The mapping chosen and the path left for resource routing (always starts with '/'). */
  public record Match(Mapping mapping, String remainingPath) {}

  public BasePathMatcher(List<Mapping> mappings) {
    List<Mapping> sorted = new ArrayList<>(mappings);
    sorted.sort(Comparator.comparingInt((Mapping m) -> m.key().length()).reversed());
    this.longestFirst = List.copyOf(sorted);
  }

  public boolean isEmpty() {
    return longestFirst.isEmpty();
  }

  public @Nullable Match match(String rawPath) {
    String path = rawPath.startsWith("/") ? rawPath : "/" + rawPath;
    for (Mapping m : longestFirst) {
      if (m.key().isEmpty()) {
        return new Match(m, path);
      }
      int end = 1 + m.key().length();
      if (path.startsWith(m.key(), 1) && (path.length() == end || path.charAt(end) == '/')) {
        String rest = path.substring(end);
        return new Match(m, rest.isEmpty() ? "/" : rest);
      }
    }
    return null;
  }
}
