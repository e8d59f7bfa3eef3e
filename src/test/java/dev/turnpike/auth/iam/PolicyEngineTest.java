package dev.turnpike.auth.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parsing, validation and evaluation of policy documents (IAM policy grammar and evaluation logic;
 * spec 5).
 */
class PolicyEngineTest {
  static final String A = "111122223333";
  static final String B = "444455556666";
  static final String ARN = "arn:aws:execute-api:us-east-1:" + A + ":abc123/dev/GET/pets";
  static final Caller ALICE = Caller.user(A, "alice", "AIDAALICE");
  static final Caller BOB = Caller.user(B, "bob", "AIDABOB");
  static final Caller SESSION = Caller.roleSession(A, "reader", "AROAREADER", "s1");

  static RequestContext invoke(Caller c) {
    return new RequestContext("execute-api:Invoke", ARN, c).put("aws:SourceIp", "192.0.2.10");
  }

  static Verdict.Effect identity(String statements, RequestContext ctx) {
    String doc = "{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}";
    return PolicyParser.parse(doc, PolicyParser.Kind.IDENTITY).evaluate(ctx).effect();
  }

  static Stream<Arguments> identityTable() {
    String allow = "{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":";
    return Stream.of(
        Arguments.of(allow + "\"*\"}", Verdict.Effect.ALLOW),
        Arguments.of(allow + "\"arn:aws:execute-api:*:*:*\"}", Verdict.Effect.ALLOW),
        Arguments.of(allow + "\"arn:aws:execute-api:us-east-1:*:abc123/*\"}", Verdict.Effect.ALLOW),
        Arguments.of(
            allow + "\"arn:aws:execute-api:us-east-1:*:abc123/test/*\"}", Verdict.Effect.NONE),
        Arguments.of(
            allow + "\"arn:aws:execute-api:us-east-1:*:abc123/*/GET/pets\"}", Verdict.Effect.ALLOW),
        Arguments.of(
            allow + "\"arn:aws:execute-api:us-east-1:*:abc123/*/POST/pets\"}", Verdict.Effect.NONE),
        Arguments.of(allow + "\"arn:aws:execute-api:us-west-2:*:*\"}", Verdict.Effect.NONE),
        Arguments.of(
            allow + "[\"arn:aws:s3:::x\",\"arn:aws:execute-api:*:" + A + ":abc???/*\"]}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"Action\":\"execute-api:*\",\"Resource\":\"*\"}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}", Verdict.Effect.ALLOW),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}", Verdict.Effect.NONE),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"NotAction\":\"s3:*\",\"Resource\":\"*\"}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"NotAction\":\"execute-api:*\",\"Resource\":\"*\"}",
            Verdict.Effect.NONE),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"arn:aws:execute-api:*:*:abc123/*\"}",
            Verdict.Effect.NONE),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"NotResource\":\"arn:aws:execute-api:*:*:other/*\"}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            "[" + allow + "\"*\"},{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]",
            Verdict.Effect.DENY),
        Arguments.of(
            "[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}," + allow + "\"*\"}]",
            Verdict.Effect.DENY),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":[\"10.0.0.0/8\",\"192.0.2.10\"]}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":\"192.0.2.0/24\"}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":\"alice\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":\"alice\","
                + "\"aws:PrincipalAccount\":\""
                + B
                + "\"}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"StringLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::*:user/al*\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"StringEqualsIgnoreCase\":{\"aws:username\":\"ALICE\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-1\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"StringEqualsIfExists\":{\"aws:SourceVpce\":\"vpce-1\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"Null\":{\"aws:SourceVpce\":\"true\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"Null\":{\"aws:SourceIp\":\"true\"}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"NumericLessThan\":{\"aws:EpochTime\":\"2000000000\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"NumericGreaterThanEquals\":{\"aws:EpochTime\":2000000000}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2030-01-01\"}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow + "\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"ArnLike\":{\"aws:PrincipalArn\":\"arn:aws:iam::"
                + A
                + ":user/*\"}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"ArnNotEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::"
                + A
                + ":user/alice\"}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"ForAnyValue:StringEquals\":{\"test:tags\":[\"x\",\"b\"]}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"test:tags\":[\"x\",\"b\"]}}}",
            Verdict.Effect.NONE),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"test:tags\":[\"a\",\"b\",\"c\"]}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow
                + "\"*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"test:absent\":[\"a\"]}}}",
            Verdict.Effect.ALLOW),
        Arguments.of(
            allow + "\"arn:aws:execute-api:*:*:*/${aws:username}/*\"}", Verdict.Effect.NONE),
        Arguments.of(
            "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:execute-api:*:*:abc123/*\","
                + "\"Condition\":{\"StringEquals\":{\"aws:username\":\"${aws:username}\"}}}",
            Verdict.Effect.ALLOW));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("identityTable")
  void identityPolicies(String statements, Verdict.Effect expected) {
    RequestContext ctx =
        invoke(ALICE)
            .put("aws:EpochTime", "1700000000")
            .put("aws:CurrentTime", "2024-06-01T12:00:00Z")
            .put("aws:SecureTransport", "false")
            .putAll("test:tags", List.of("a", "b"));
    assertThat(identity(statements, ctx)).isEqualTo(expected);
  }

  static Stream<Arguments> principals() {
    return Stream.of(
        Arguments.of("\"*\"", Caller.ANONYMOUS, true),
        Arguments.of("{\"AWS\":\"*\"}", Caller.ANONYMOUS, true),
        Arguments.of("{\"AWS\":\"" + A + "\"}", Caller.ANONYMOUS, false),
        Arguments.of("{\"AWS\":\"" + A + "\"}", ALICE, true),
        Arguments.of("{\"AWS\":\"arn:aws:iam::" + A + ":root\"}", ALICE, true),
        Arguments.of("{\"AWS\":\"arn:aws:iam::" + A + ":root\"}", BOB, false),
        Arguments.of("{\"AWS\":[\"" + B + "\"]}", BOB, true),
        Arguments.of("{\"AWS\":\"arn:aws:iam::" + A + ":user/alice\"}", ALICE, true),
        Arguments.of("{\"AWS\":\"arn:aws:iam::" + A + ":user/alice\"}", SESSION, false),
        Arguments.of("{\"AWS\":\"arn:aws:iam::" + A + ":role/reader\"}", SESSION, true),
        Arguments.of("{\"AWS\":\"arn:aws:sts::" + A + ":assumed-role/reader/s1\"}", SESSION, true),
        Arguments.of("{\"AWS\":\"arn:aws:sts::" + A + ":assumed-role/reader/s2\"}", SESSION, false),
        Arguments.of("{\"Service\":\"lambda.amazonaws.com\"}", ALICE, false));
  }

  @ParameterizedTest(name = "[{index}] {0} / {1}")
  @MethodSource("principals")
  void resourcePolicyPrincipals(String principal, Caller caller, boolean matches) {
    String doc =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":"
            + principal
            + ",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"}}";
    Verdict v = PolicyParser.parse(doc, PolicyParser.Kind.RESOURCE).evaluate(invoke(caller));
    assertThat(v.allows()).isEqualTo(matches);
  }

  @Test
  void notPrincipalAppliesToEveryoneElse() {
    String doc =
        "{\"Statement\":{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"arn:aws:iam::"
            + A
            + ":user/alice\"},\"Action\":\"*\",\"Resource\":\"*\"}}";
    CompiledPolicy p = PolicyParser.parse(doc, PolicyParser.Kind.RESOURCE);
    assertThat(p.evaluate(invoke(ALICE)).effect()).isEqualTo(Verdict.Effect.NONE);
    assertThat(p.evaluate(invoke(BOB)).effect()).isEqualTo(Verdict.Effect.DENY);
    assertThat(p.evaluate(invoke(Caller.ANONYMOUS)).effect()).isEqualTo(Verdict.Effect.DENY);
  }

  @Test
  void accountPrincipalDelegatesButSpecificPrincipalDoesNot() {
    String byAccount =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + A
            + "\"},\"Action\":\"*\",\"Resource\":\"*\"}}";
    assertThat(
            PolicyParser.parse(byAccount, PolicyParser.Kind.RESOURCE)
                .evaluate(invoke(ALICE))
                .accountDelegation())
        .isTrue();
    assertThat(
            PolicyParser.parse(byAccount, PolicyParser.Kind.RESOURCE)
                .evaluate(invoke(Caller.root(A)))
                .accountDelegation())
        .isFalse();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", PolicyParser.Kind.IDENTITY, "Syntax errors in policy"),
        Arguments.of("{", PolicyParser.Kind.IDENTITY, "Syntax errors in policy"),
        Arguments.of("[]", PolicyParser.Kind.IDENTITY, "must be a JSON object"),
        Arguments.of(
            "{\"Version\":\"2012-10-17\"}",
            PolicyParser.Kind.IDENTITY,
            "Missing required field Statement"),
        Arguments.of(
            "{\"Version\":\"2019-01-01\",\"Statement\":[]}",
            PolicyParser.Kind.IDENTITY,
            "valid version"),
        Arguments.of("{\"Statement\":[]}", PolicyParser.Kind.IDENTITY, "non-empty array"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},\"Statement\":{}}",
            PolicyParser.Kind.IDENTITY,
            "Duplicate field"),
        Arguments.of(
            "{\"Statement\":{\"Action\":\"*\",\"Resource\":\"*\"}}",
            PolicyParser.Kind.IDENTITY,
            "Missing required field Effect"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Maybe\",\"Action\":\"*\",\"Resource\":\"*\"}}",
            PolicyParser.Kind.IDENTITY,
            "Invalid effect: Maybe"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Resource\":\"*\"}}",
            PolicyParser.Kind.IDENTITY,
            "Policy statement must contain actions."),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"invoke\",\"Resource\":\"*\"}}",
            PolicyParser.Kind.IDENTITY,
            "Actions/Conditions must be prefaced by a vendor"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoek\",\"Resource\":\"*\"}}",
            PolicyParser.Kind.IDENTITY,
            "Invalid action: execute-api:Invoek"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\"}}",
            PolicyParser.Kind.IDENTITY,
            "Missing required field Resource"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"pets\"}}",
            PolicyParser.Kind.IDENTITY,
            "Resource pets must be in ARN format or \"*\"."),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}}",
            PolicyParser.Kind.IDENTITY,
            "Policy document should not specify a principal."),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}}",
            PolicyParser.Kind.RESOURCE,
            "Missing required field Principal"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"alice\"},\"Action\":\"*\","
                + "\"Resource\":\"*\"}}",
            PolicyParser.Kind.RESOURCE,
            "Invalid principal in policy: \"AWS\":\"alice\""),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\","
                + "\"Resource\":\"*\"}}",
            PolicyParser.Kind.TRUST,
            "Has prohibited field Resource"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"StringEqualz\":{\"a:b\":\"c\"}}}}",
            PolicyParser.Kind.IDENTITY,
            "Invalid Condition type : StringEqualz"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"IpAddress\":{\"aws:SourceIp\":\"300.1.1.1/8\"}}}}",
            PolicyParser.Kind.IDENTITY,
            "Invalid IP address"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":"
                + "{\"NumericEquals\":{\"a:b\":\"ten\"}}}}",
            PolicyParser.Kind.IDENTITY,
            "is not a valid number"),
        Arguments.of(
            "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\",\"Extra\":1}}",
            PolicyParser.Kind.IDENTITY,
            "Unknown field Extra"),
        Arguments.of(
            "{\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Sid\":\"a\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
            PolicyParser.Kind.IDENTITY,
            "must be unique"));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("malformed")
  void malformedDocumentsSayWhy(String doc, PolicyParser.Kind kind, String reason) {
    assertThatThrownBy(() -> PolicyParser.parse(doc, kind))
        .isInstanceOf(MalformedPolicyException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void shorthandResourcesAreExpandedByTheRewrite() {
    String doc =
        "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\","
            + "\"Resource\":\"execute-api:/dev/GET/*\"}}";
    CompiledPolicy p =
        PolicyParser.parse(
            doc,
            PolicyParser.Kind.RESOURCE,
            r ->
                r.startsWith("execute-api:/")
                    ? "arn:aws:execute-api:us-east-1:"
                        + A
                        + ":abc123"
                        + r.substring("execute-api:".length())
                    : r);
    assertThat(p.evaluate(invoke(Caller.ANONYMOUS)).allows()).isTrue();
  }

  @Test
  void ipv6AndMappedAddresses() {
    Condition c =
        Condition.compile("IpAddress", "aws:SourceIp", List.of("2001:db8::/32", "10.0.0.0/8"));
    assertThat(c.test(new RequestContext("a:b", "*", ALICE).put("aws:SourceIp", "2001:db8::1")))
        .isTrue();
    assertThat(c.test(new RequestContext("a:b", "*", ALICE).put("aws:SourceIp", "2001:db9::1")))
        .isFalse();
    assertThat(c.test(new RequestContext("a:b", "*", ALICE).put("aws:SourceIp", "::ffff:10.1.2.3")))
        .isTrue();
    assertThat(c.test(new RequestContext("a:b", "*", ALICE).put("aws:SourceIp", "not-an-ip")))
        .isFalse();
  }
}
