package dev.turnpike.routing;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API route key parsed: {@code $default}, or a method ({@code ANY} or a verb) and a path of
 * literal parts, {@code {name}} parts and at most one greedy {@code {name+}} part, which must be
 * last (http-api-develop-routes.md). The one parser of route keys: the control plane validates with
 * it and the snapshot compiles routes with it.
 */
public record RouteKey(String method, String path, List<String> parts) {
  public static final String DEFAULT = "$default";
  private static final Set<String> METHODS =
      Set.of("ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  public RouteKey {
    parts = List.copyOf(parts);
  }

  public boolean isDefault() {
    return DEFAULT.equals(method);
  }

  /** The key, or null when it is not a valid HTTP API route key. */
  public static @Nullable RouteKey parse(String key) {
    if (DEFAULT.equals(key)) {
      return new RouteKey(DEFAULT, "", List.of());
    }
    int space = key.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String method = key.substring(0, space);
    String path = key.substring(space + 1);
    if (!METHODS.contains(method) || !path.startsWith("/") || path.indexOf(' ') >= 0) {
      return null;
    }
    if (path.equals("/")) {
      return new RouteKey(method, path, List.of());
    }
    String[] split = path.substring(1).split("/", -1);
    for (int i = 0; i < split.length; i++) {
      String p = split[i];
      if (p.isEmpty()) {
        return null; // no empty segments, no trailing slash
      }
      boolean variable = p.startsWith("{") && p.endsWith("}");
      if (variable) {
        String name = p.substring(1, p.length() - 1);
        boolean greedy = name.endsWith("+");
        if (greedy) {
          name = name.substring(0, name.length() - 1);
          if (i != split.length - 1) {
            return null;
          }
        }
        if (name.isEmpty() || !name.chars().allMatch(RouteKey::nameChar)) {
          return null;
        }
      } else if (p.indexOf('{') >= 0 || p.indexOf('}') >= 0) {
        return null; // a variable is a whole segment
      }
    }
    return new RouteKey(method, path, List.of(split));
  }

  private static boolean nameChar(int c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
  }

  static boolean isGreedy(String part) {
    return part.startsWith("{") && part.endsWith("+}");
  }

  static boolean isVariable(String part) {
    return part.startsWith("{") && part.endsWith("}");
  }

  /** A variable part's name without braces or '+'. */
  static String variableName(String part) {
    return part.substring(1, part.length() - (isGreedy(part) ? 2 : 1));
  }
}
