package dev.turnpike.template;

import static dev.turnpike.template.MockStatusCode.statusCodeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

final class MockStatusCodeTest {

  @Test
  void statusCodeOf_compactAndSpacedJson_readsStatus() throws Exception {
    // AWS how-to-mock-integration: the request template returns {"statusCode": 200}
    assertThat(statusCodeOf("{\"statusCode\":500}")).isEqualTo(500);
    assertThat(statusCodeOf("\n{\n    \"statusCode\" :  404 ,\n  \"x\": [1]\n}\n")).isEqualTo(404);
  }

  @Test
  void statusCodeOf_blank_returns200() throws Exception {
    // AWS how-to-mock-integration: without a request template the default response is returned
    assertThat(statusCodeOf("")).isEqualTo(200);
    assertThat(statusCodeOf("  \n")).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{}", "{\"statusCode\":\"200\"}", "{\"statusCode\":200.5}", "not json", "[200]"})
  void statusCodeOf_noIntegerStatusCode_throwsAwsMessage(String rendered) {
    // AWS execution log "Unable to parse statusCode" -> 500 (LocalStack mock.py [IMPL])
    assertThatThrownBy(() -> statusCodeOf(rendered))
        .isInstanceOf(TemplateException.class)
        .hasMessage(MockStatusCode.UNPARSEABLE);
  }
}
