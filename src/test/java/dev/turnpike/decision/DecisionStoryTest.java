package dev.turnpike.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.turnpike.kb.KnowledgeBase;
import org.junit.jupiter.api.Test;

class DecisionStoryTest {
  private static DecisionRecord with(Cause cause, Object detail, String key, String plan) {
    return new DecisionRecord("req-1", 1_700_000_000_000L, "10.0.0.1", "HTTP/1.1", "GET", "/prod/pets",
        "abc.execute-api.us-east-1.localhost", "host", false, "abc", "prod", "/pets", "r1", "NONE", true, null, key,
        plan, "HTTP_PROXY", "http://127.0.0.1:9000/pets", 29000, 12, 15, 429, "TooManyRequestsException", cause,
        detail);
  }

  @Test
  void throttleStoryNamesTheLevelItsLimitsAndTheArticle() {
    String s = DecisionStory.render(with(Cause.THROTTLE_PLAN, new DecisionRecord.LimitFact(1.0, 2),
        "**************abcdef", "plan9"));
    assertTrue(s.contains("usage plan plan9 for key **************abcdef: rate 1.00 requests/s, burst 2"), s);
    assertTrue(s.contains("turnpike kb show throttling-429"), s);
    assertTrue(s.contains("matched: GET /pets"), s);
    assertTrue(s.contains("integration: HTTP_PROXY http://127.0.0.1:9000/pets (timeout 29000 ms)"), s);
  }

  @Test
  void quotaPolicyAndSignatureDetails() {
    assertTrue(DecisionStory.render(with(Cause.QUOTA, new DecisionRecord.QuotaFact("p1", 5, "DAY"), "***x", "p1"))
        .contains("usage plan p1 allows 5 requests per DAY"));
    String policy = DecisionStory.render(with(Cause.IAM_DENIED,
        new DecisionRecord.PolicyFact("NO_RESOURCE_ALLOW", "User: u is not authorized", true, "222", "AllowAll", null), null, null));
    assertTrue(policy.contains("cross-account (table B"), policy);
    assertTrue(policy.contains("resource policy does not allow"), policy);
    assertTrue(policy.contains("cross-account-403"), policy);
    assertTrue(policy.contains("identity policy statement that decided: AllowAll"), policy);
    String sig = DecisionStory.render(with(Cause.SIGV4_MISMATCH, new DecisionRecord.SignatureFact(
        "InvalidSignatureException", "The request signature...\nGET\n/prod/pets"), null, null));
    assertTrue(sig.contains("    GET\n    /prod/pets"), sig);
    assertTrue(sig.contains("signature-mismatch"), sig);
  }

  @Test
  void jsonRoundTripKeepsEveryFact() {
    for (Object detail : new Object[] {new DecisionRecord.LimitFact(2.5, 3), new DecisionRecord.QuotaFact("p", 1,
        "WEEK"), new DecisionRecord.PolicyFact("RESOURCE_DENY", "m", false, "1", null, "Deny1"),
        new DecisionRecord.SignatureFact("X", "y"), new DecisionRecord.KeyFact("k"), null}) {
      DecisionRecord r = with(Cause.OTHER_ERROR, detail, "***k", "p");
      assertEquals(r, DecisionJson.fromJson(DecisionJson.toJson(r)));
    }
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
