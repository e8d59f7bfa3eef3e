package dev.turnpike.routing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API's routes compiled for selection, as AWS selects them (spec 6.3,
 * http-api-develop-routes.md): a full match of every segment first (a literal segment before a
 * {@code {param}}), then the most specific greedy {@code {proxy+}} match, then the {@code $default}
 * route; on one path a route with the request's method before {@code ANY}. Nothing matches → null
 * (the caller answers 404). Immutable; matching allocates the parameter values and the result only.
 *
 * <p>Unlike a REST resource tree, a greedy route near the root does not beat a full match deeper
 * in: with {@code GET /a/{proxy+}} and {@code GET /{x}/b}, {@code GET /a/b} is served by the
 * second. Routes on one path may name their parameters differently ({@code GET /pets/{id}}, {@code
 * DELETE /pets/{petId}}): values are kept by position and named by the route that matched.
 */
public final class HttpRouteTable<R> {
  private final Node<R> root;
  private final @Nullable R defaultRoute;

  private HttpRouteTable(Node<R> root, @Nullable R defaultRoute) {
    this.root = root;
    this.defaultRoute = defaultRoute;
  }

  /** A route of the table: its parsed key and what the caller keeps for it. */
  public record Entry<R>(RouteKey key, R route) {}

  /** A selected route, with its path parameters as sent (still percent-encoded). */
  public record Match<R>(R route, Map<String, String> pathParams) {}

  public static <R> HttpRouteTable<R> compile(List<Entry<R>> routes) {
    Node<R> root = new Node<>();
    R dflt = null;
    for (Entry<R> e : routes) {
      RouteKey k = e.key();
      if (k.isDefault()) {
        dflt = e.route();
        continue;
      }
      Node<R> n = root;
      List<String> names = new ArrayList<>();
      for (String part : k.parts()) {
        if (RouteKey.isGreedy(part)) {
          names.add(RouteKey.variableName(part));
          n.greedy.put(k.method(), new Leaf<>(e.route(), List.copyOf(names)));
          n = null;
          break;
        }
        if (RouteKey.isVariable(part)) {
          names.add(RouteKey.variableName(part));
          if (n.param == null) {
            n.param = new Node<>();
          }
          n = n.param;
        } else {
          n = n.literals.computeIfAbsent(part, x -> new Node<>());
        }
      }
      if (n != null) {
        n.methods.put(k.method(), new Leaf<>(e.route(), List.copyOf(names)));
      }
    }
    return new HttpRouteTable<>(root, dflt);
  }

  /** The route for {@code method} and {@code path} (after the stage), or null. */
  public @Nullable Match<R> match(String method, String path) {
    List<String> values = new ArrayList<>(4);
    Leaf<R> full = full(root, path, 0, method, values);
    if (full != null) {
      return full.match(values);
    }
    values.clear();
    Leaf<R> greedy = greedy(root, path, 0, method, values);
    if (greedy != null) {
      return greedy.match(values);
    }
    return defaultRoute == null ? null : new Match<>(defaultRoute, Map.of());
  }

  /** Whether the table has a {@code $default} route. */
  public boolean hasDefault() {
    return defaultRoute != null;
  }

  private static int skipSlashes(String path, int at) {
    while (at < path.length() && path.charAt(at) == '/') {
      at++;
    }
    return at;
  }

  private static <R> @Nullable Leaf<R> full(
      Node<R> node, String path, int at, String method, List<String> values) {
    int start = skipSlashes(path, at);
    if (start >= path.length()) {
      return node.leaf(node.methods, method);
    }
    int end = path.indexOf('/', start);
    if (end < 0) {
      end = path.length();
    }
    String seg = path.substring(start, end);
    Node<R> literal = node.literals.get(seg);
    if (literal != null) {
      Leaf<R> found = full(literal, path, end, method, values);
      if (found != null) {
        return found;
      }
    }
    if (node.param != null) {
      values.add(seg);
      Leaf<R> found = full(node.param, path, end, method, values);
      if (found != null) {
        return found;
      }
      values.remove(values.size() - 1);
    }
    return null;
  }

  /** The deepest greedy route whose prefix matches, literal branches before parameters. */
  private static <R> @Nullable Leaf<R> greedy(
      Node<R> node, String path, int at, String method, List<String> values) {
    int start = skipSlashes(path, at);
    if (start >= path.length()) {
      return null; // a greedy variable matches one segment or more
    }
    int end = path.indexOf('/', start);
    if (end < 0) {
      end = path.length();
    }
    String seg = path.substring(start, end);
    Node<R> literal = node.literals.get(seg);
    if (literal != null) {
      Leaf<R> found = greedy(literal, path, end, method, values);
      if (found != null) {
        return found;
      }
    }
    if (node.param != null) {
      values.add(seg);
      Leaf<R> found = greedy(node.param, path, end, method, values);
      if (found != null) {
        return found;
      }
      values.remove(values.size() - 1);
    }
    Leaf<R> here = node.leaf(node.greedy, method);
    if (here != null) {
      String rest = path.substring(start);
      int last = rest.length();
      while (last > 0 && rest.charAt(last - 1) == '/') {
        last--;
      }
      values.add(rest.substring(0, last));
    }
    return here;
  }

  private static final class Node<R> {
    final Map<String, Node<R>> literals = new HashMap<>();
    @Nullable Node<R> param;
    final Map<String, Leaf<R>> methods = new HashMap<>();
    final Map<String, Leaf<R>> greedy = new HashMap<>();

    @Nullable Leaf<R> leaf(Map<String, Leaf<R>> byMethod, String method) {
      Leaf<R> l = byMethod.get(method);
      return l != null ? l : byMethod.get("ANY");
    }
  }

  private record Leaf<R>(R route, List<String> names) {
    Match<R> match(List<String> values) {
      if (names.isEmpty()) {
        return new Match<>(route, Map.of());
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < names.size() && i < values.size(); i++) {
        params.put(names.get(i), values.get(i));
      }
      return new Match<>(route, params);
    }
  }
}
