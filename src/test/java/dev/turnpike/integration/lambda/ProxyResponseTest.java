package dev.turnpike.integration.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec 6.5's recorded response shapes, plus the parts a malformed response is named by. */
class ProxyResponseTest {

  private static ProxyResponse.Result validate(String json) {
    return ProxyResponse.validate(json.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"statusCode\":200}|200",
        "{\"statusCode\":\"201\"}|201",
        "{\"headers\":{\"test-header\":\"value\"}}|200",
        "{\"statusCode\":200,\"headers\":null}|200",
        "{\"statusCode\":404,\"body\":\"nope\"}|404"
      })
  void validShapes_keepTheirStatus(String json, int status) {
    assertThat(validate(json))
        .isInstanceOfSatisfying(
            ProxyResponse.Valid.class, v -> assertThat(v.status()).isEqualTo(status));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"statusCode\":\"test\"}|statusCode \"test\" is not an HTTP status code",
        "{\"statusCode\":200,\"wrongValue\":\"value\"}|unknown member \"wrongValue\"",
        "{}|empty object",
        "\"justAString\"|a string, not an object",
        "{\"statusCode\":200,\"multiValueHeaders\":{\"x\":\"value1\"}}|multiValueHeaders.x is a"
            + " string, not a list",
        "{\"statusCode\":200,\"body\":{\"a\":1}}|body is an object, not a string",
        "not json|not JSON",
        "{\"statusCode\":1000}|not an HTTP status code",
        "{\"statusCode\":200,\"headers\":{\"x\":\"a\\r\\nSet-Cookie: b\"}}|invalid name or value"
      })
  void malformedShapes_nameTheWrongPart(String json, String reason) {
    assertThat(validate(json))
        .isInstanceOfSatisfying(
            ProxyResponse.Malformed.class, m -> assertThat(m.reason()).contains(reason));
  }

  @Test
  void headerBoolean_becomesItsText() {
    ProxyResponse.Valid v =
        (ProxyResponse.Valid) validate("{\"statusCode\":200,\"headers\":{\"header-bool\":true}}");
    assertThat(v.headers().get("header-bool")).isEqualTo("true");
  }

  @Test
  void multiValueThenSingle_mergeUnderFirstSpelling() {
    ProxyResponse.Valid v =
        (ProxyResponse.Valid)
            validate(
                "{\"statusCode\":200,\"multiValueHeaders\":{\"tesT-Multi\":[\"value-multi\"]},"
                    + "\"headers\":{\"test-multi\":\"value-solo\"}}");
    assertThat(v.headers().names()).containsExactly("tesT-Multi");
    assertThat(v.headers().get("tesT-Multi")).isEqualTo("value-multi, value-solo");
  }

  @Test
  void base64Body_isKeptAsSent() {
    ProxyResponse.Valid v =
        (ProxyResponse.Valid)
            validate("{\"statusCode\":200,\"body\":\"dGVzdC1kYXRh\",\"isBase64Encoded\":true}");
    assertThat(new String(v.body(), StandardCharsets.UTF_8)).isEqualTo("dGVzdC1kYXRh");
    assertThat(v.base64()).isTrue();
  }
}
