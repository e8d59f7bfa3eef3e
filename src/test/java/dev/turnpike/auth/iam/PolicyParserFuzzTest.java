package dev.turnpike.auth.iam;

import dev.turnpike.testkit.Fuzz;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 fuzzing: mutated identity, resource and trust policies are parsed or refused with IAM's
 * {@code MalformedPolicyDocument} reason, never another exception (which the control plane would
 * answer with a 500).
 */
class PolicyParserFuzzTest {
  private static final String[] VALID = {
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
        + "[\"execute-api:Invoke\"],\"Resource\":\"arn:aws:execute-api:us-east-1:123456789012:"
        + "abc/*/GET/*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\"]},"
        + "\"StringLike\":{\"aws:username\":\"a*\"},\"NumericLessThan\":{\"x\":\"5\"},"
        + "\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}}]}",
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"s\",\"Effect\":\"Deny\",\"Principal\":"
        + "{\"AWS\":[\"arn:aws:iam::123456789012:root\"]},\"NotAction\":\"execute-api:Invoke\","
        + "\"NotResource\":[\"arn:aws:execute-api:*:*:*\"],\"Condition\":{\"ForAnyValue:StringEquals"
        + "\":{\"aws:PrincipalTag/team\":[\"a\",\"b\"]},\"Null\":{\"aws:TokenIssueTime\":\"true\"}}}]}",
    "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
        + "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}"
  };

  @Test
  void mutatedPolicies_parsedOrRefusedAsMalformed() {
    Fuzz.seeded()
        .run(
            f -> f.mutate(f.oneOf(VALID), 4),
            policy -> {
              for (PolicyParser.Kind kind : PolicyParser.Kind.values()) {
                try {
                  PolicyParser.parse(policy, kind, r -> r.replace("execute-api:/", "arn:x:"));
                } catch (MalformedPolicyException expected) {
                  // IAM's answer
                }
              }
            });
  }
}
