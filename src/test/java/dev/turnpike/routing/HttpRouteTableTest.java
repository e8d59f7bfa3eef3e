package dev.turnpike.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP API route selection (spec 6.3, C79/C80). */
class HttpRouteTableTest {
  private static HttpRouteTable<String> table(String... keys) {
    List<HttpRouteTable.Entry<String>> entries = new ArrayList<>();
    for (String k : keys) {
      RouteKey key = RouteKey.parse(k);
      assertNotNull(key, k);
      entries.add(new HttpRouteTable.Entry<>(key, k));
    }
    return HttpRouteTable.compile(entries);
  }

  private static String route(HttpRouteTable<String> t, String method, String path) {
    HttpRouteTable.Match<String> m = t.match(method, path);
    return m == null ? null : m.route();
  }

  @Test
  void theDocumentedExampleSelectsEachRouteInOrder() { // C79
    HttpRouteTable<String> t =
        table(
            "GET /pets/dog/1",
            "GET /pets/dog/{id}",
            "GET /pets/{proxy+}",
            "ANY /{proxy+}",
            "$default");
    assertEquals("GET /pets/dog/1", route(t, "GET", "/pets/dog/1"));
    assertEquals("GET /pets/dog/{id}", route(t, "GET", "/pets/dog/2"));
    assertEquals("GET /pets/{proxy+}", route(t, "GET", "/pets/cat/1"));
    assertEquals("ANY /{proxy+}", route(t, "POST", "/test/5"));
    assertEquals("ANY /{proxy+}", route(t, "POST", "/pets/dog/1"));
    assertEquals("$default", route(t, "GET", "/"));
  }

  @Test
  void noRouteAndNoDefaultIsNoMatch() { // C80
    HttpRouteTable<String> t = table("GET /a");
    assertNull(t.match("GET", "/b"));
    assertNull(t.match("POST", "/a"));
    assertEquals("GET /a", route(t, "GET", "/a"));
  }

  @Test
  void aMethodRouteWinsOverAnyOnTheSamePath() {
    HttpRouteTable<String> t = table("ANY /pets", "GET /pets");
    assertEquals("GET /pets", route(t, "GET", "/pets"));
    assertEquals("ANY /pets", route(t, "DELETE", "/pets"));
  }

  @Test
  void aFullMatchDeeperInBeatsAGreedyRouteNearTheRoot() {
    HttpRouteTable<String> t = table("GET /a/{proxy+}", "GET /{x}/b");
    assertEquals("GET /{x}/b", route(t, "GET", "/a/b"));
    assertEquals("GET /a/{proxy+}", route(t, "GET", "/a/c/d"));
  }

  @Test
  void parametersAreNamedByTheRouteThatMatched() {
    HttpRouteTable<String> t = table("GET /pets/{id}", "DELETE /pets/{petId}", "ANY /f/{p+}");
    assertEquals(Map.of("id", "7"), t.match("GET", "/pets/7").pathParams());
    assertEquals(Map.of("petId", "7"), t.match("DELETE", "/pets/7").pathParams());
    assertEquals(Map.of("p", "x/y%2Fz"), t.match("PUT", "/f/x/y%2Fz/").pathParams());
  }

  @Test
  void literalBeforeParameterAndGreedyNeedsOneSegment() {
    HttpRouteTable<String> t = table("GET /a/{x}", "GET /a/b", "GET /c/{proxy+}");
    assertEquals("GET /a/b", route(t, "GET", "/a/b"));
    assertEquals("GET /a/{x}", route(t, "GET", "/a/z"));
    assertNull(t.match("GET", "/c"));
    assertEquals("GET /c/{proxy+}", route(t, "GET", "/c/1"));
  }

  @Test
  void routeKeysAreCheckedAsAwsDoes() {
    assertNotNull(RouteKey.parse("$default"));
    assertNotNull(RouteKey.parse("ANY /{proxy+}"));
    assertNotNull(RouteKey.parse("GET /"));
    assertNull(RouteKey.parse("GET pets"));
    assertNull(RouteKey.parse("FETCH /pets"));
    assertNull(RouteKey.parse("GET /{proxy+}/x"));
    assertNull(RouteKey.parse("GET /pets/"));
    assertNull(RouteKey.parse("GET /a{b}"));
    assertNull(RouteKey.parse("get /pets"));
  }
}
