package dev.turnpike.decision;

import java.util.List;

/** Records covering every optional part of a decision record's JSON, present and absent. */
final class DecisionFixtures {
  private DecisionFixtures() {}

  static DecisionRecord base(
      String id,
      DecisionRecord.Fact detail,
      String domain,
      String basePath,
      DecisionRecord.Metering m) {
    return new DecisionRecord(
        id,
        1_768_478_400_123L,
        "10.0.0.7",
        "HTTP/1.1",
        "POST",
        "/prod/pets/7?x=1",
        "a1b2c3d4e5.execute-api.us-east-1.localhost",
        "execute-api",
        true,
        "a1b2c3d4e5",
        "prod",
        "/pets/{id}",
        "res123",
        "AWS_IAM",
        true,
        "arn:aws:iam::123456789012:user/alice",
        "abcd...wxyz",
        "plan9",
        "HTTP_PROXY",
        "http://127.0.0.1:9/pets/{id}",
        29_000,
        12,
        15,
        403,
        "AccessDeniedException",
        Cause.IAM_DENIED,
        detail,
        domain,
        basePath,
        basePath == null ? null : "a1b2c3d4e5",
        basePath == null ? null : "prod",
        m);
  }

  /** Every nullable field null, no custom domain, no metering, no detail. */
  static DecisionRecord minimal() {
    return new DecisionRecord(
        "min-1",
        1L,
        "127.0.0.1",
        "HTTP/1.1",
        "GET",
        "/",
        null,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        0,
        -1,
        0,
        404,
        null,
        Cause.UNKNOWN_HOST,
        null);
  }

  static final DecisionRecord.Metering ALL_METERING =
      new DecisionRecord.Metering(
          DecisionRecord.PlanLevel.PER_KEY,
          100.5,
          200,
          199,
          1_000_000.0,
          2000,
          1999,
          10_000.0,
          5000,
          4999,
          1_000_000_000L,
          "DAY",
          42,
          999_999_958L);
  static final DecisionRecord.Metering PLAN_ONLY =
      new DecisionRecord.Metering(
          DecisionRecord.PlanLevel.PER_METHOD,
          0.25,
          1,
          0,
          Double.NaN,
          0,
          0,
          Double.NaN,
          0,
          0,
          -1,
          null,
          -1,
          -1);
  static final DecisionRecord.Metering QUOTA_ONLY =
      new DecisionRecord.Metering(
          null, Double.NaN, 0, 0, Double.NaN, 0, 0, Double.NaN, 0, 0, 5, "WEEK", 5, 0);
  static final DecisionRecord.Metering ACCOUNT_ONLY =
      new DecisionRecord.Metering(
          null, Double.NaN, 0, 0, Double.NaN, 0, 0, 1e8, 100_000_000, 99_999_999, -1, null, -1, -1);

  static List<DecisionRecord> all() {
    return List.of(
        minimal(),
        base(
            "full-limit",
            new DecisionRecord.LimitFact(100.5, 200),
            "api.example.com",
            "v1",
            ALL_METERING),
        base(
            "dom-nomap-quota",
            new DecisionRecord.QuotaFact("plan9", 5, "WEEK"),
            "api.example.com",
            null,
            PLAN_ONLY),
        base(
            "policy-nulls",
            new DecisionRecord.PolicyFact("A2", null, false, null, null, null),
            null,
            null,
            QUOTA_ONLY),
        base(
            "policy-full",
            new DecisionRecord.PolicyFact(
                "B4",
                "User: arn:aws:iam::****:user/bob is not authorized",
                true,
                "123456789012",
                "{\"Effect\":\"Allow\"}",
                "{\"Effect\":\"Deny\"}"),
            "d.example.com",
            "(none)",
            ACCOUNT_ONLY),
        base(
            "sig",
            new DecisionRecord.SignatureFact(
                "InvalidSignatureException",
                "The request signature we calculated does not match.\n"
                    + "Canonical String:\n"
                    + "GET\n"
                    + "/\u00e9\t\"q\"\\ \u2028"),
            null,
            null,
            null),
        base("key", new DecisionRecord.KeyFact("disabled key"), null, null, ALL_METERING));
  }
}
