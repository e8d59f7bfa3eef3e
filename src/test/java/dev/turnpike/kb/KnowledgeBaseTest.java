package dev.turnpike.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class KnowledgeBaseTest {
  private final KnowledgeBase kb = KnowledgeBase.fromClasspath();

  private String top(String query) {
    List<KnowledgeBase.Hit> hits = kb.search(query);
    assertFalse(hits.isEmpty(), query);
    return hits.get(0).article().slug();
  }

  @Test
  void everyArticleInDocsKbIsIndexedAndHasItsFrontMatter() throws Exception {
    Set<String> files;
    try (var s = Files.list(Path.of("docs/kb"))) {
      files =
          s.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".md"))
              .map(n -> n.substring(0, n.length() - 3))
              .collect(Collectors.toSet());
    }
    assertEquals(files, kb.articles().stream().map(Article::slug).collect(Collectors.toSet()));
    assertTrue(files.size() >= 15);
    for (Article a : kb.articles()) {
      assertFalse(a.symptoms().isEmpty(), a.slug());
      assertFalse(a.errors().isEmpty(), a.slug());
      assertFalse(a.doctor().isEmpty(), a.slug());
      assertTrue(a.lastUpdated().matches("\\d{4}-\\d{2}-\\d{2}"), a.slug());
      assertTrue(a.body().contains("## Fix"), a.slug());
    }
  }

  @Test
  void ranksTheRightArticleFirst() {
    assertEquals("certificate-expired-invalid", top("certificate expired"));
    assertEquals("throttling-429", top("Too Many Requests"));
    assertEquals("quota-limit-exceeded-429", top("Limit Exceeded quota"));
    assertEquals("integration-timeout-504", top("Endpoint request timed out"));
    assertEquals("signature-mismatch", top("signature does not match"));
    assertEquals("missing-authentication-token", top("missing authentication token"));
    assertEquals("custom-domain-base-path-403", top("base path mapping forbidden"));
    assertEquals("mutual-tls-handshake", top("alert certificate required"));
    assertEquals("mutual-tls-handshake", top("client certificate unknown ca truststore"));
    assertEquals("request-validation-400", top("Invalid request body"));
    assertEquals("request-validation-400", top("Missing required request parameters"));
    assertEquals("http-api-cors", top("No 'Access-Control-Allow-Origin' header is present"));
    assertEquals("http-api-cors", top("preflight blocked by CORS policy"));
    assertEquals("http-api-jwt-401", top("the token does not have a valid audience"));
    assertEquals("http-api-jwt-401", top("jwt authorizer token has expired"));
    assertEquals("http-api-payload-version", top("KeyError httpMethod payload format version"));
  }

  @Test
  void toleratesTypos() {
    assertEquals("certificate-expired-invalid", top("certficate expired"));
    assertEquals("certificate-expired-invalid", top("certifcate exipred"));
    assertEquals("throttling-429", top("throtling"));
  }

  @Test
  void editDistanceOne() {
    assertTrue(KnowledgeBase.withinOneEdit("certficate", "certificate"));
    assertTrue(KnowledgeBase.withinOneEdit("exipred", "expired"));
    assertTrue(KnowledgeBase.withinOneEdit("tokne", "token"));
    assertTrue(KnowledgeBase.withinOneEdit("quotb", "quota"));
    assertFalse(KnowledgeBase.withinOneEdit("quota", "quote1x"));
    assertFalse(KnowledgeBase.withinOneEdit("abcd", "badc"));
  }

  @Test
  void frontMatterParses() {
    Article a =
        Article.parse(
            "x",
            "---\ntitle: T\ncategory: c\nsymptoms:\n  - one\nerrors:\n  - '{\"message\":\"F\"}'\n"
                + "last_updated: 2026-01-01\ndoctor: d\n---\nbody\n");
    assertEquals(List.of("{\"message\":\"F\"}"), a.errors());
    assertEquals("body\n", a.body());
    assertNotNull(kb.get("api-key-403"));
  }
}
