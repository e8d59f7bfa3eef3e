package dev.turnpike.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.model.Resource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ResourceTreeTest {
  /** Resources with methods given as "VERB→payload"; the payload is what a match returns. */
  private final List<Resource> resources = new ArrayList<>();

  private final Map<String, Map<String, String>> methods = new LinkedHashMap<>();

  private String add(
      String id, String parentId, String pathPart, String path, String... verbAndPayload) {
    resources.add(new Resource(id, parentId, pathPart, path, null));
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < verbAndPayload.length; i += 2) {
      m.put(verbAndPayload[i], verbAndPayload[i + 1]);
    }
    methods.put(id, m);
    return id;
  }

  private ResourceTree<String> tree() {
    Function<Resource, Map<String, String>> compile = r -> methods.get(r.id());
    return ResourceTree.compile(resources, compile);
  }

  private String served(ResourceTree<String> tree, String method, String path) {
    RouteMatch<String> m = tree.match(method, path);
    return m == null ? null : m.method();
  }

  private void c05Resources() {
    add("root", null, null, "/");
    add("p1", "root", "part1", "/part1", "GET", "part1");
    add("px", "root", "{param+}", "/{param+}", "GET", "proxy");
    add("hc", "p1", "hardcoded-value", "/part1/hardcoded-value", "GET", "hardcoded-value");
  }

  @Test
  void match_literalParamGreedySiblings_literalWinsThenGreedy() {
    // Spec 6.2 / C05 (LS test_routing_with_hardcoded_resource_sibling_order, AWS-validated).
    c05Resources();
    ResourceTree<String> tree = tree();
    assertThat(served(tree, "GET", "/part1")).isEqualTo("part1");
    assertThat(served(tree, "GET", "/part1/hardcoded-value")).isEqualTo("hardcoded-value");
    assertThat(served(tree, "GET", "/part1/random-value")).isEqualTo("proxy");
  }

  @Test
  void match_anyCreationOrder_samePriority() {
    // Spec 6.2 / C05: "independent of creation order".
    c05Resources();
    Collections.reverse(resources);
    ResourceTree<String> reversed = tree();
    assertThat(served(reversed, "GET", "/part1")).isEqualTo("part1");
    assertThat(served(reversed, "GET", "/part1/hardcoded-value")).isEqualTo("hardcoded-value");
    assertThat(served(reversed, "GET", "/part1/random-value")).isEqualTo("proxy");
  }

  @Test
  void match_literalBeatsParamBeatsGreedy_atSameLevel() {
    // Spec 6.2: static beats {param} beats greedy.
    add("root", null, null, "/");
    add("g", "root", "{proxy+}", "/{proxy+}", "GET", "greedy");
    add("p", "root", "{id}", "/{id}", "GET", "param");
    add("l", "root", "pets", "/pets", "GET", "literal");
    ResourceTree<String> tree = tree();
    assertThat(served(tree, "GET", "/pets")).isEqualTo("literal");
    assertThat(served(tree, "GET", "/cats")).isEqualTo("param");
    assertThat(served(tree, "GET", "/cats/1")).isEqualTo("greedy");
  }

  @Test
  void match_methodMissingOnLiteral_fallsBackToGreedyWithMethod() {
    // Spec 6.2 / C06 (LS test_proxy_routing_with_hardcoded_resource_sibling).
    add("root", null, null, "/");
    add("t", "root", "test", "/test", "POST", "POST request");
    add("a", "t", "any", "/test/any", "ANY", "ANY request");
    add("px", "root", "{proxy+}", "/{proxy+}", "OPTIONS", "OPTIONS request");
    ResourceTree<String> tree = tree();
    assertThat(served(tree, "OPTIONS", "/test")).isEqualTo("OPTIONS request");
    assertThat(served(tree, "POST", "/test")).isEqualTo("POST request");
    assertThat(served(tree, "OPTIONS", "/test/any")).isEqualTo("ANY request");
    assertThat(served(tree, "GET", "/test/any")).isEqualTo("ANY request");
  }

  @Test
  void match_methodMissingOnLiteral_fallsBackToParamSibling() {
    // Spec 6.2: the DFS accepts a node only if it has the method (method fallback across
    // resources).
    add("root", null, null, "/");
    add("l", "root", "pets", "/pets", "POST", "literal");
    add("p", "root", "{id}", "/{id}", "GET", "param");
    RouteMatch<String> m = tree().match("GET", "/pets");
    assertThat(m).isNotNull();
    assertThat(m.method()).isEqualTo("param");
    assertThat(m.pathParams()).containsExactly(Map.entry("id", "pets"));
  }

  @Test
  void match_noMethodAnywhere_returnsNull() {
    // Spec 6.2 / C03: wrong method → no match (the caller answers MISSING_AUTHENTICATION_TOKEN,
    // never 405).
    add("root", null, null, "/");
    add("e", "root", "existing", "/existing", "GET", "exists");
    ResourceTree<String> tree = tree();
    assertThat(tree.match("POST", "/existing")).isNull();
    assertThat(tree.match("GET", "/random-non-existing")).isNull();
  }

  @Test
  void match_specificMethodAndAny_specificWins() {
    // Spec 6.2: a specific method on the same resource wins over ANY.
    add("root", null, null, "/");
    add("r", "root", "r", "/r", "ANY", "any", "GET", "get");
    ResourceTree<String> tree = tree();
    assertThat(served(tree, "GET", "/r")).isEqualTo("get");
    assertThat(served(tree, "DELETE", "/r")).isEqualTo("any");
  }

  @Test
  void match_anyMethod_matchesEveryVerb() {
    // Spec 6.2: ANY matches DELETE GET HEAD OPTIONS PATCH POST PUT.
    add("root", null, null, "/");
    add("r", "root", "r", "/r", "ANY", "any");
    ResourceTree<String> tree = tree();
    for (String verb : List.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")) {
      assertThat(served(tree, verb, "/r")).as(verb).isEqualTo("any");
    }
  }

  @Test
  void match_headWithOnlyGet_returnsNull() {
    // Spec 6.2: HEAD does not fall back to GET (IMPL LS).
    add("root", null, null, "/");
    add("r", "root", "r", "/r", "GET", "get");
    assertThat(tree().match("HEAD", "/r")).isNull();
  }

  @Test
  void match_trailingSlash_ignoredForMatching() {
    // Spec 6.2: trailing slash is ignored for matching (LS test_lambda_aws_proxy_integration).
    add("root", null, null, "/");
    add("r", "root", "r", "/r", "GET", "r");
    ResourceTree<String> tree = tree();
    assertThat(served(tree, "GET", "/r/")).isEqualTo("r");
    assertThat(served(tree, "GET", "//r")).isEqualTo("r");
  }

  @Test
  void match_doubleSlashesInside_routeAsOneSeparator() {
    // Spec 6.2: /stage//x routes as /stage/x.
    add("root", null, null, "/");
    add("a", "root", "a", "/a");
    add("b", "a", "b", "/a/b", "GET", "ab");
    assertThat(served(tree(), "GET", "/a//b")).isEqualTo("ab");
  }

  @Test
  void match_greedy_valueExcludesTrailingSlashAndKeepsDoubleSlashes() {
    // Spec 6.2: {proxy+} value excludes the trailing slash; double slashes preserved
    // (proxy-value//double-slash).
    add("root", null, null, "/");
    add("px", "root", "{proxy+}", "/{proxy+}", "ANY", "proxy");
    ResourceTree<String> tree = tree();
    assertThat(tree.match("GET", "/proxy-value/").pathParams())
        .containsExactly(Map.entry("proxy", "proxy-value"));
    assertThat(tree.match("GET", "/proxy-value//double-slash").pathParams())
        .containsExactly(Map.entry("proxy", "proxy-value//double-slash"));
    assertThat(tree.match("GET", "/a/b/c").pathParams())
        .containsExactly(Map.entry("proxy", "a/b/c"));
  }

  @Test
  void match_greedy_needsAtLeastOneSegment() {
    // Spec 6.2: a greedy part matches one or more segments.
    add("root", null, null, "/");
    add("px", "root", "{proxy+}", "/{proxy+}", "GET", "proxy");
    assertThat(tree().match("GET", "/")).isNull();
  }

  @Test
  void match_params_capturedAsSentWithResourcePathAndId() {
    add("root", null, null, "/");
    add("u", "root", "users", "/users");
    add("uid", "u", "{userId}", "/users/{userId}");
    add("o", "uid", "orders", "/users/{userId}/orders");
    add("oid", "o", "{orderId}", "/users/{userId}/orders/{orderId}", "GET", "order");
    RouteMatch<String> m = tree().match("GET", "/users/a%20b/orders/42");
    assertThat(m).isNotNull();
    assertThat(m.method()).isEqualTo("order");
    assertThat(m.resourcePath()).isEqualTo("/users/{userId}/orders/{orderId}");
    assertThat(m.resourceId()).isEqualTo("oid");
    assertThat(m.pathParams())
        .containsOnly(Map.entry("userId", "a%20b"), Map.entry("orderId", "42"));
  }

  @Test
  void match_paramBranchFails_paramRemovedBeforeGreedy() {
    add("root", null, null, "/");
    add("p", "root", "{id}", "/{id}");
    add("pc", "p", "child", "/{id}/child", "GET", "child");
    add("px", "root", "{proxy+}", "/{proxy+}", "GET", "proxy");
    RouteMatch<String> m = tree().match("GET", "/x/other");
    assertThat(m.method()).isEqualTo("proxy");
    assertThat(m.pathParams()).containsExactly(Map.entry("proxy", "x/other"));
  }

  @Test
  void match_rootMethods_servedForSlashAndEmptyPath() {
    add("root", null, null, "/", "GET", "root");
    add("r", "root", "r", "/r", "GET", "r");
    ResourceTree<String> tree = tree();
    RouteMatch<String> m = tree.match("GET", "/");
    assertThat(m.method()).isEqualTo("root");
    assertThat(m.resourcePath()).isEqualTo("/");
    assertThat(m.resourceId()).isEqualTo("root");
    assertThat(served(tree, "GET", "")).isEqualTo("root");
    assertThat(tree.match("POST", "/")).isNull();
  }

  @Test
  void match_pathsAreCaseSensitive() {
    // Spec 1.1: paths are case-sensitive.
    add("root", null, null, "/");
    add("r", "root", "Pets", "/Pets", "GET", "pets");
    assertThat(tree().match("GET", "/pets")).isNull();
  }

  @Test
  void compile_noResources_matchesNothing() {
    assertThat(tree().match("GET", "/")).isNull();
    assertThat(tree().match("GET", "/x")).isNull();
  }

  @Test
  void entriesListEveryMethodForTools() {
    add("root", null, null, "/", "GET", "r");
    add("b", "root", "b", "/b", "POST", "bp", "GET", "bg");
    add("a", "root", "a", "/a", "ANY", "aa");
    add("p", "a", "{id}", "/a/{id}", "GET", "pg");
    List<String> listed =
        tree().entries().stream()
            .map(
                e ->
                    e.httpMethod()
                        + " "
                        + e.resourcePath()
                        + " "
                        + e.resourceId()
                        + " "
                        + e.method())
            .toList();
    org.junit.jupiter.api.Assertions.assertEquals(
        List.of("GET / root r", "ANY /a a aa", "GET /a/{id} p pg", "GET /b b bg", "POST /b b bp"),
        listed);
  }
}
