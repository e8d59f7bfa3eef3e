package dev.turnpike.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnpike.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;

class DecisionStoryTest {
  private static DecisionRecord with(
      Cause cause, DecisionRecord.Fact detail, String key, String plan) {
    return new DecisionRecord(
        "req-1",
        1_700_000_000_000L,
        "10.0.0.1",
        "HTTP/1.1",
        "GET",
        "/prod/pets",
        "abc.execute-api.us-east-1.localhost",
        "host",
        false,
        "abc",
        "prod",
        "/pets",
        "r1",
        "NONE",
        true,
        null,
        key,
        plan,
        "HTTP_PROXY",
        "http://127.0.0.1:9000/pets",
        29000,
        12,
        15,
        429,
        "TooManyRequestsException",
        cause,
        detail);
  }

  @Test
  void throttleStoryNamesTheLevelItsLimitsAndTheArticle() {
    String s =
        DecisionStory.render(
            with(
                Cause.THROTTLE_PLAN,
                new DecisionRecord.LimitFact(1.0, 2),
                "**************abcdef",
                "plan9"));
    assertTrue(
        s.contains("usage plan plan9 for key **************abcdef: rate 1.00 requests/s, burst 2"),
        s);
    assertTrue(s.contains("turnpike kb show throttling-429"), s);
    assertTrue(s.contains("matched: GET /pets"), s);
    assertTrue(
        s.contains("integration: HTTP_PROXY http://127.0.0.1:9000/pets (timeout 29000 ms)"), s);
  }

  @Test
  void quotaPolicyAndSignatureDetails() {
    assertTrue(
        DecisionStory.render(
                with(Cause.QUOTA, new DecisionRecord.QuotaFact("p1", 5, "DAY"), "***x", "p1"))
            .contains("usage plan p1 allows 5 requests per DAY"));
    String policy =
        DecisionStory.render(
            with(
                Cause.IAM_DENIED,
                new DecisionRecord.PolicyFact(
                    "NO_RESOURCE_ALLOW",
                    "User: u is not authorized",
                    true,
                    "222",
                    "AllowAll",
                    null),
                null,
                null));
    assertTrue(policy.contains("cross-account (table B"), policy);
    assertTrue(policy.contains("resource policy does not allow"), policy);
    assertTrue(policy.contains("cross-account-403"), policy);
    assertTrue(policy.contains("identity policy statement that decided: AllowAll"), policy);
    String sig =
        DecisionStory.render(
            with(
                Cause.SIGV4_MISMATCH,
                new DecisionRecord.SignatureFact(
                    "InvalidSignatureException", "The request signature...\nGET\n/prod/pets"),
                null,
                null));
    assertTrue(sig.contains("    GET\n    /prod/pets"), sig);
    assertTrue(sig.contains("signature-mismatch"), sig);
  }

  @Test
  void jsonRoundTripKeepsEveryFact() {
    for (DecisionRecord.Fact detail :
        new DecisionRecord.Fact[] {
          new DecisionRecord.LimitFact(2.5, 3),
          new DecisionRecord.QuotaFact("p", 1, "WEEK"),
          new DecisionRecord.PolicyFact("RESOURCE_DENY", "m", false, "1", null, "Deny1"),
          new DecisionRecord.SignatureFact("X", "y"),
          new DecisionRecord.KeyFact("k"),
          new DecisionRecord.ValidationFact("Missing required request parameters: [a, b]"),
          new DecisionRecord.CorsFact("HEADERS_NOT_ALLOWED", "x-custom"),
          new DecisionRecord.CorsFact("ALLOWED", null),
          null
        }) {
      DecisionRecord r = with(Cause.OTHER_ERROR, detail, "***k", "p");
      assertEquals(r, DecisionJson.fromJson(DecisionJson.toJson(r)));
    }
  }

  private static DecisionRecord routed(String basePath, DecisionRecord.Metering m) {
    DecisionRecord r =
        with(Cause.QUOTA, new DecisionRecord.QuotaFact("p1", 3, "DAY"), "***abcdef", "p1");
    return new DecisionRecord(
        r.requestId(),
        r.epochMillis(),
        r.sourceIp(),
        r.protocol(),
        r.method(),
        r.rawPath(),
        "api.example.com",
        "domain",
        true,
        r.apiId(),
        r.stageName(),
        r.resourcePath(),
        r.resourceId(),
        r.authorizationType(),
        r.apiKeyRequired(),
        r.callerArn(),
        r.maskedApiKey(),
        r.usagePlanId(),
        r.integrationType(),
        r.integrationUri(),
        r.integrationTimeoutMillis(),
        r.integrationLatencyMillis(),
        r.latencyMillis(),
        r.status(),
        r.errorType(),
        r.cause(),
        r.detail(),
        "api.example.com",
        basePath,
        basePath == null ? null : "abc",
        basePath == null ? null : "prod",
        m);
  }

  @Test
  void customDomainAndEveryBucketCheckedAppearInWordsAndJson() {
    DecisionRecord.Metering m =
        new DecisionRecord.Metering(
            DecisionRecord.PlanLevel.PER_KEY,
            2,
            5,
            4,
            Double.NaN,
            0,
            0,
            10000,
            5000,
            4999,
            3,
            "DAY",
            3,
            0);
    DecisionRecord r = routed("orders", m);
    String s = DecisionStory.render(r);
    assertTrue(s.contains("custom domain: api.example.com"), s);
    assertTrue(s.contains("base path mapping: orders -> API abc, stage prod"), s);
    assertTrue(s.contains("usage plan, per key: rate 2.00 requests/s, burst 5, 4 tokens left"), s);
    assertTrue(s.contains("account: rate 10000.00 requests/s, burst 5000, 4999 tokens left"), s);
    assertTrue(!s.contains("stage, per method"), s);
    assertTrue(s.contains("quota: 3 used of 3 per DAY, 0 remaining"), s);
    var json = DecisionJson.toJson(r);
    assertEquals("usage-plan-key", json.get("throttles").get(0).get("level").asText());
    assertEquals(4999, json.get("throttles").get(1).get("tokensRemaining").asInt());
    assertEquals(0, json.get("quota").get("remaining").asInt());
    assertEquals("orders", json.get("customDomain").get("mapping").get("basePath").asText());
    assertEquals(r, DecisionJson.fromJson(json));

    DecisionRecord unmapped = routed(null, null);
    String u = DecisionStory.render(unmapped);
    assertTrue(u.contains("base path mapping: none matched /prod/pets"), u);
    assertEquals(unmapped, DecisionJson.fromJson(DecisionJson.toJson(unmapped)));
  }

  @Test
  void everyCauseNamesAnArticleThatExists() {
    KnowledgeBase kb = KnowledgeBase.fromClasspath();
    for (Cause c : Cause.values()) {
      if (c != Cause.OK) {
        assertTrue(kb.get(c.kbSlug()) != null, c + " → " + c.kbSlug());
      }
    }
  }
}
