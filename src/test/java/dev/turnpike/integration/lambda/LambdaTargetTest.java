package dev.turnpike.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LambdaTargetTest {
  private static final String PREFIX =
      "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/";

  @Test
  void unqualifiedArn_namesTheFunction() {
    LambdaTarget t =
        LambdaTarget.parse(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:proxy/invocations");
    assertThat(t).isNotNull();
    assertThat(t.accountId()).isEqualTo("123456789012");
    assertThat(t.name()).isEqualTo("proxy");
    assertThat(t.qualifier()).isNull();
    assertThat(t.invokeUrl())
        .isEqualTo(
            "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
                + "arn:aws:lambda:us-east-1:123456789012:function:proxy/invocations");
  }

  @Test
  void aliasQualifier_isKept() {
    LambdaTarget t =
        LambdaTarget.parse(
            PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:proxy:live/invocations");
    assertThat(t).isNotNull();
    assertThat(t.qualifier()).isEqualTo("live");
  }

  @Test
  void notALambdaUri_isNull() {
    assertThat(LambdaTarget.parse("http://example.com/x")).isNull();
    assertThat(LambdaTarget.parse(PREFIX + "arn:aws:lambda:us-east-1:12:function:x/invocations"))
        .isNull();
    assertThat(
            LambdaTarget.parse(
                PREFIX + "arn:aws:lambda:us-east-1:123456789012:function:/invocations"))
        .isNull();
  }

  @Test
  void queryDecoding_neverThrowsOnBadEscapes() {
    assertThat(ProxyEvent.decode("a+b%2Bc")).isEqualTo("a b+c");
    assertThat(ProxyEvent.decode("%zz%4")).isEqualTo("%zz%4");
    assertThat(ProxyEvent.decode("%C3%A9")).isEqualTo("é");
  }
}
