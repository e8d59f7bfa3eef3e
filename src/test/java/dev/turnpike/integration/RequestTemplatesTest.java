package dev.turnpike.integration;

import static dev.turnpike.integration.IntegrationFixtures.integration;
import static dev.turnpike.integration.IntegrationFixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.template.CompiledTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestTemplatesTest {
  private static final CompiledTemplate JSON = template("json");
  private static final CompiledTemplate DEFAULT = template("default");

  private static CompiledIntegration with(
      String passthrough, Map<String, CompiledTemplate> templates) {
    return integration("MOCK", "", passthrough, Map.of(), templates, List.of());
  }

  @Test
  void choose_matchingContentType_returnsItsTemplate() {
    // Spec 6.8: template chosen by request Content-Type.
    RequestTemplates.Choice c =
        RequestTemplates.choose(
            with("NEVER", Map.of("application/json", JSON)), "application/json; charset=UTF-8");
    assertThat(c.template()).isSameAs(JSON);
    assertThat(c.unsupportedMediaType()).isFalse();
  }

  @Test
  void choose_missingContentType_treatedAsApplicationJson() {
    // Spec 6.8: missing Content-Type → application/json.
    assertThat(
            RequestTemplates.choose(with("NEVER", Map.of("application/json", JSON)), null)
                .template())
        .isSameAs(JSON);
    assertThat(
            RequestTemplates.choose(with("NEVER", Map.of("application/json", JSON)), " ")
                .template())
        .isSameAs(JSON);
  }

  @Test
  void choose_noTypeMatch_fallsBackToDefaultTemplate() {
    // Spec 6.8: else $default.
    RequestTemplates.Choice c =
        RequestTemplates.choose(
            with("NEVER", Map.of("application/json", JSON, "$default", DEFAULT)), "text/plain");
    assertThat(c.template()).isSameAs(DEFAULT);
  }

  @Test
  void choose_contentTypeCase_normalized() {
    assertThat(
            RequestTemplates.choose(
                    with("NEVER", Map.of("application/json", JSON)), "Application/JSON")
                .template())
        .isSameAs(JSON);
  }

  @Test
  void choose_whenNoMatchWithoutMatch_passesThrough() {
    // Spec 6.8: WHEN_NO_MATCH passes unmapped types (botocore passthroughBehavior).
    RequestTemplates.Choice c =
        RequestTemplates.choose(
            with("WHEN_NO_MATCH", Map.of("application/json", JSON)), "text/plain");
    assertThat(c.template()).isNull();
    assertThat(c.unsupportedMediaType()).isFalse();
  }

  @Test
  void choose_whenNoTemplatesWithTemplates_unsupported() {
    // Spec 6.8: WHEN_NO_TEMPLATES with templates and no match → 415.
    assertThat(
            RequestTemplates.choose(
                    with("WHEN_NO_TEMPLATES", Map.of("application/json", JSON)), "text/plain")
                .unsupportedMediaType())
        .isTrue();
  }

  @Test
  void choose_whenNoTemplatesWithoutTemplates_passesThrough() {
    // Spec 6.8: WHEN_NO_TEMPLATES passes only if no templates exist.
    RequestTemplates.Choice c =
        RequestTemplates.choose(with("WHEN_NO_TEMPLATES", Map.of()), "text/plain");
    assertThat(c.unsupportedMediaType()).isFalse();
    assertThat(c.template()).isNull();
  }

  @Test
  void choose_neverWithoutMatch_unsupported() {
    // Spec 6.8: NEVER → 415 Unsupported Media Type.
    assertThat(
            RequestTemplates.choose(with("NEVER", Map.of()), "application/json")
                .unsupportedMediaType())
        .isTrue();
    assertThat(
            RequestTemplates.choose(with("NEVER", Map.of("application/json", JSON)), "text/plain")
                .unsupportedMediaType())
        .isTrue();
  }

  @Test
  void mediaType_parameters_stripped() {
    assertThat(RequestTemplates.mediaType("text/plain ; charset=utf-8")).isEqualTo("text/plain");
    assertThat(RequestTemplates.mediaType(null)).isEqualTo("application/json");
  }
}
