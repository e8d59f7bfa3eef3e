package dev.turnpike.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompiledHttpIntegrationTest {
  @Test
  void staticUri_onlyWhenNothingChangesPerRequest() {
    assertThat(CompiledHttpIntegration.staticUriOf("http://backend:8080/bench", Map.of()))
        .isEqualTo(URI.create("http://backend:8080/bench"));
    assertThat(CompiledHttpIntegration.staticUriOf("http://backend/{proxy}", Map.of())).isNull();
    assertThat(CompiledHttpIntegration.staticUriOf("http://${stageVariables.host}/x", Map.of()))
        .isNull();
    assertThat(
            CompiledHttpIntegration.staticUriOf(
                "http://backend/x", Map.of("overwrite:path", "/other")))
        .isNull();
    assertThat(CompiledHttpIntegration.staticUriOf("ftp://backend/x", Map.of())).isNull();
    assertThat(CompiledHttpIntegration.staticUriOf("http://backend/a/../../b", Map.of()))
        .isNull(); // resolved (and refused) per request, as before
    assertThat(CompiledHttpIntegration.staticUriOf("", Map.of())).isNull();
  }
}
