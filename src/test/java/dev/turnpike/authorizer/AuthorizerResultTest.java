package dev.turnpike.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.RequestContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A Lambda authorizer's output, validated as spec 8.3 says. */
class AuthorizerResultTest {
  private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:api/prod/GET/pets";

  @Test
  void principalPolicyContextAndUsageKey_areRead() {
    AuthorizerResult r =
        parse(
            "{\"principalId\":\"\",\"usageIdentifierKey\":\"key-1\","
                + "\"context\":{\"s\":\"x\",\"n\":1.5,\"b\":false,\"z\":null},"
                + "\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":{"
                + "\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\","
                + "\"Resource\":[\"arn:aws:execute-api:us-east-1:123456789012:api/*/GET/*\"]}}}");
    // Recorded: an empty principalId is accepted; a single statement object is a policy too.
    assertThat(r.principalId()).isEmpty();
    assertThat(r.usageIdentifierKey()).isEqualTo("key-1");
    assertThat(r.context()).containsOnlyKeys("s", "n", "b");
    assertThat(r.context().get("n").toString()).isEqualTo("1.5");
    assertThat(r.policy().evaluate(ctx(ARN)).allows()).isTrue();
    assertThat(
            r.policy()
                .evaluate(ctx("arn:aws:execute-api:us-east-1:123456789012:api/prod/POST/pets"))
                .allows())
        .isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "null | Could not parse policy",
        "'\"text\"' | Could not parse policy",
        "'{\"statusCode\":401,\"body\":\"no\"}' | Could not parse policy",
        "'{\"principalId\":\"p\"}' | Could not parse policy",
        "'{\"policyDocument\":{\"Statement\":[]}}' | Could not parse policy",
        "'{\"principalId\":\"p\",\"policyDocument\":{\"Statement\":[{\"Effect\":\"Maybe\"}]}}'"
            + " | Could not parse policy",
        "'{\"principalId\":\"p\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]},"
            + "\"context\":{\"a\":{\"b\":1}}}' | Invalid JSON in response",
        "'{\"principalId\":\"p\",\"policyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":"
            + "[{\"Action\":\"execute-api:Invoke\",\"Effect\":\"Allow\",\"Resource\":\"*\"}]},"
            + "\"context\":{\"a\":[1]}}' | Invalid JSON in response",
      })
  void outputsThatAreNotAuthorizerResults_areConfigurationErrors(String output, String line) {
    assertThatThrownBy(() -> parse(output))
        .isInstanceOfSatisfying(
            AuthorizerFailure.class,
            f -> {
              assertThat(f.kind()).isEqualTo(AuthorizerFailure.Kind.CONFIGURATION);
              assertThat(String.join("\n", f.logLines())).contains(line);
            });
  }

  @Test
  void simpleResponse_isAnAllowOrDenyForEveryRoute_withAnyContextValues() {
    AuthorizerResult yes =
        simple(
            "{\"isAuthorized\":true,\"context\":{\"u\":\"a\",\"l\":[1,2],\"m\":{\"k\":true},\"z\":null}}");
    assertThat(yes.verdict(ARN).allows()).isTrue();
    assertThat(yes.verdict(ARN.replace("GET", "DELETE")).allows()).isTrue();
    // HTTP APIs allow lists and maps in a simple response's context (REST's results do not).
    assertThat(yes.context()).containsOnlyKeys("u", "l", "m");
    assertThat(yes.freshContext().context().get("l").toString()).isEqualTo("[1, 2]");
    assertThat(yes.freshContext().principalId()).isNull();
    AuthorizerResult no = simple("{\"isAuthorized\":false}");
    assertThat(no.verdict(ARN).denies()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "null",
        "'\"yes\"'",
        "'{\"isAuthorized\":\"true\"}'",
        "'{\"principalId\":\"p\",\"policyDocument\":{}}'",
        "'{\"isAuthorized\":true,\"context\":[1]}'",
      })
  void simpleResponsesWithoutABooleanIsAuthorized_areConfigurationErrors(String output) {
    assertThatThrownBy(() -> simple(output))
        .isInstanceOfSatisfying(
            AuthorizerFailure.class,
            f -> assertThat(f.kind()).isEqualTo(AuthorizerFailure.Kind.CONFIGURATION));
  }

  private static AuthorizerResult simple(String json) {
    return AuthorizerResult.parseSimple(json.getBytes(StandardCharsets.UTF_8), 0, 0);
  }

  @Test
  void tokenEvent_isAwsShape() {
    assertThat(
            new String(AuthorizerFunction.tokenEvent("Bearer a\"b", ARN), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"TOKEN\",\"authorizationToken\":\"Bearer a\\\"b\",\"methodArn\":\""
                + ARN
                + "\"}");
  }

  private static AuthorizerResult parse(String json) {
    return AuthorizerResult.parse(json.getBytes(StandardCharsets.UTF_8), 0, 0);
  }

  private static RequestContext ctx(String arn) {
    return new RequestContext("execute-api:Invoke", arn, Caller.ANONYMOUS);
  }
}
