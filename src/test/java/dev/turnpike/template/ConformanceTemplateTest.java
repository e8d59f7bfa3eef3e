package dev.turnpike.template;

import static dev.turnpike.template.Templates.ENGINE;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec cases whose bytes are recorded against AWS. */
final class ConformanceTemplateTest {

  @Test
  void mockIntegration_c07PathId_rendersTemplateText() throws Exception {
    // spec 7.1 C07 [REC] LocalStack test_mock_integration_response
    TemplateInput input =
        new TemplateInput("", Map.of("id", "42"), Map.of(), Map.of(), Map.of(), Map.of());
    String request = ENGINE.compile("C07 request", "{\"statusCode\": 200}").render(input);
    String response =
        ENGINE
            .compile("C07 response", "{\"statusCode\": 200, \"id\": $input.params().path.id}")
            .render(input);
    assertThat(MockStatusCode.statusCodeOf(request)).isEqualTo(200);
    assertThat(response).isEqualTo("{\"statusCode\": 200, \"id\": 42}");
  }

  @Test
  void gatewayResponse_defaultTemplate_rendersMissingAuthenticationTokenByteExact()
      throws Exception {
    // spec 1.3/1.4 [REC]: default template {"message":$context.error.messageString}, 42 bytes
    TemplateInput input =
        new TemplateInput(
            "",
            Map.of(),
            Map.of(),
            Map.of(),
            Map.of(
                "error",
                Map.of(
                    "message", "Missing Authentication Token",
                    "messageString", "\"Missing Authentication Token\"",
                    "responseType", "MISSING_AUTHENTICATION_TOKEN")),
            Map.of());
    String body =
        ENGINE.compile("DEFAULT_4XX", "{\"message\":$context.error.messageString}").render(input);
    assertThat(body).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(42);
  }
}
