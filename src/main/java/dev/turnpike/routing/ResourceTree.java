package dev.turnpike.routing;

import static java.util.Objects.requireNonNull;

import dev.turnpike.model.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A REST API's resource tree compiled for matching.
 *
 * <p>Implementation notes: API Gateway prefers a literal path part over {@code {param}} over a
 * greedy {@code {proxy+}}, independent of creation order, and falls back across resources by
 * method: with {@code /test} (POST) and {@code /{proxy+}} (OPTIONS), {@code OPTIONS /test} is
 * served by {@code /{proxy+}} (spec 6.2, cases C05/C06). So matching is a depth-first search in
 * that priority order that accepts a node only if it has the method or {@code ANY}; a specific
 * method beats {@code ANY} on the same resource. A greedy part matches one or more segments.
 * Trailing and repeated slashes are ignored for matching. No match → the caller answers {@code
 * MISSING_AUTHENTICATION_TOKEN} (never 405). The tree is immutable; matching allocates only the
 * result.
 */
public final class ResourceTree<M> {
  private final Node<M> root;

  private ResourceTree(Node<M> root) {
    this.root = root;
  }

  /**
   * Compiles resources (methods compiled by {@code compileMethod}, keyed by HTTP method or ANY).
   */
  public static <M> ResourceTree<M> compile(
      List<Resource> resources, Function<Resource, Map<String, M>> compileMethods) {
    Map<String, Builder<M>> byId = new HashMap<>();
    Builder<M> root = null;
    for (Resource r : resources) {
      Builder<M> b = new Builder<>(r, compileMethods.apply(r));
      byId.put(r.id(), b);
      if (r.parentId() == null) {
        root = b;
      }
    }
    for (Builder<M> b : byId.values()) {
      if (b.resource.parentId() != null) {
        Builder<M> parent = byId.get(b.resource.parentId());
        if (parent != null) {
          parent.children.add(b);
        }
      }
    }
    return new ResourceTree<>(root == null ? Node.empty() : root.build());
  }

  /**
   * Matches a request path (after the stage) and method; null when nothing matches. Segments are
   * found by index as the search descends (no segment lists), and the parameter map exists only for
   * trees with {@code {param}} or {@code {proxy+}} parts: the lists, boxed positions and map were
   * most of the routing garbage in the S1 profile.
   */
  public @Nullable RouteMatch<M> match(String httpMethod, String path) {
    Map<String, String> params = root.variablesBelow ? new LinkedHashMap<>() : null;
    Node<M> node = find(root, path, 0, httpMethod, params);
    if (node == null) {
      return null;
    }
    M method = node.methods.get(httpMethod);
    if (method == null) {
      method = node.methods.get("ANY");
    }
    // find() returns only nodes that accept the method (or ANY)
    return new RouteMatch<>(
        requireNonNull(method, "method"),
        node.path,
        node.id,
        params == null ? Map.of() : Map.copyOf(params));
  }

  /**
   * Matches the rest of {@code path} from {@code at} below {@code node}; {@code params} is null
   * without variables.
   */
  private static <M> @Nullable Node<M> find(
      Node<M> node, String path, int at, String method, @Nullable Map<String, String> params) {
    int start = at;
    while (start < path.length() && path.charAt(start) == '/') {
      start++; // trailing and repeated slashes are ignored
    }
    if (start >= path.length()) {
      return node.accepts(method) ? node : null;
    }
    int end = path.indexOf('/', start);
    if (end < 0) {
      end = path.length();
    }
    String seg = path.substring(start, end);
    Node<M> literal = node.literals.get(seg);
    if (literal != null) {
      Node<M> found = find(literal, path, end, method, params);
      if (found != null) {
        return found;
      }
    }
    if (node.param != null && params != null) {
      params.put(node.param.paramName, seg);
      Node<M> found = find(node.param, path, end, method, params);
      if (found != null) {
        return found;
      }
      params.remove(node.param.paramName);
    }
    if (node.greedy != null && params != null && node.greedy.accepts(method)) {
      String rest = path.substring(start);
      while (rest.endsWith("/")) {
        rest = rest.substring(0, rest.length() - 1);
      }
      params.put(node.greedy.paramName, rest);
      return node.greedy;
    }
    return null;
  }

  /**
   * One method of the tree, for tools ({@code turnpike doctor}); never used on the request path.
   */
  public record Entry<M>(String resourceId, String resourcePath, String httpMethod, M method) {}

  /** Every method of every resource, depth first, literals in name order. */
  public List<Entry<M>> entries() {
    List<Entry<M>> out = new ArrayList<>();
    collect(root, out);
    return out;
  }

  private static <M> void collect(@Nullable Node<M> node, List<Entry<M>> out) {
    if (node == null) {
      return;
    }
    new TreeMap<>(node.methods)
        .forEach((verb, m) -> out.add(new Entry<>(node.id, node.path, verb, m)));
    new TreeMap<>(node.literals).values().forEach(child -> collect(child, out));
    collect(node.param, out);
    collect(node.greedy, out);
  }

  private static final class Node<M> {
    final String id;
    final String path;
    final String paramName;
    final Map<String, M> methods;
    final Map<String, Node<M>> literals;
    final @Nullable Node<M> param;
    final @Nullable Node<M> greedy;

    /** A {@code {param}} or {@code {proxy+}} part somewhere below this node. */
    final boolean variablesBelow;

    Node(
        String id,
        String path,
        String paramName,
        Map<String, M> methods,
        Map<String, Node<M>> literals,
        @Nullable Node<M> param,
        @Nullable Node<M> greedy) {
      this.id = id;
      this.path = path;
      this.paramName = paramName;
      this.methods = methods;
      this.literals = literals;
      this.param = param;
      this.greedy = greedy;
      this.variablesBelow =
          param != null
              || greedy != null
              || literals.values().stream().anyMatch(child -> child.variablesBelow);
    }

    static <M> Node<M> empty() {
      return new Node<>("", "/", "", Map.of(), Map.of(), null, null);
    }

    boolean accepts(String method) {
      return methods.containsKey(method) || methods.containsKey("ANY");
    }
  }

  private static final class Builder<M> {
    final Resource resource;
    final Map<String, M> methods;
    final List<Builder<M>> children = new ArrayList<>();

    Builder(Resource resource, Map<String, M> methods) {
      this.resource = resource;
      this.methods = methods;
    }

    Node<M> build() {
      Map<String, Node<M>> literals = new HashMap<>();
      Node<M> param = null;
      Node<M> greedy = null;
      for (Builder<M> c : children) {
        String part = c.resource.pathPart() == null ? "" : c.resource.pathPart();
        Node<M> n = c.build();
        if (part.startsWith("{") && part.endsWith("+}")) {
          greedy = n;
        } else if (part.startsWith("{")) {
          param = n;
        } else {
          literals.put(part, n);
        }
      }
      String part = resource.pathPart() == null ? "" : resource.pathPart();
      String name =
          part.startsWith("{")
              ? part.substring(1, part.length() - (part.endsWith("+}") ? 2 : 1))
              : "";
      return new Node<>(
          resource.id(),
          resource.path(),
          name,
          Map.copyOf(methods),
          Map.copyOf(literals),
          param,
          greedy);
    }
  }
}
