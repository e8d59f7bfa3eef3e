package dev.turnpike.integration;

import static dev.turnpike.integration.IntegrationFixtures.integration;
import static dev.turnpike.integration.IntegrationFixtures.routed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.pipeline.Exchange;
import dev.turnpike.snapshot.RequestMappings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackendUrisTest {
  private static Exchange exchange(
      Map<String, String> pathParams,
      Map<String, String> stageVariables,
      String pathAndQuery,
      String... headers) {
    return routed(
        integration("HTTP", "", "WHEN_NO_MATCH", Map.of(), Map.of(), List.of()),
        "/r",
        pathParams,
        stageVariables,
        "GET",
        pathAndQuery,
        "",
        headers);
  }

  private static String resolve(
      Exchange ex, String template, Map<String, String> params, boolean forwardQuery) {
    URI uri = BackendUris.resolve(ex, template, RequestMappings.compile(params), forwardQuery);
    return uri == null ? null : uri.toString();
  }

  @Test
  void resolve_stageVariables_substitutedInHostAndPath() {
    // Spec 6.10: ${stageVariables.x} in host, path and query of HTTP URIs (DG stage-variables
    // reference).
    Exchange ex = exchange(Map.of(), Map.of("host", "backend.test:8080", "v", "v2"), "/x");
    assertThat(
            resolve(
                ex,
                "http://${stageVariables.host}/api/${stageVariables.v}/x?a=${stageVariables.v}",
                Map.of(),
                false))
        .isEqualTo("http://backend.test:8080/api/v2/x?a=v2");
  }

  @Test
  void resolve_unknownStageVariableInHost_null() {
    assertThat(
            resolve(
                exchange(Map.of(), Map.of(), "/x"),
                "http://${stageVariables.nope}/x",
                Map.of(),
                false))
        .isNull();
  }

  @Test
  void resolve_pathVariableWithoutMapping_usesSameNamedParamAsSent() {
    Exchange ex = exchange(Map.of("proxy", "a/b%20c"), Map.of(), "/a/b%20c");
    assertThat(resolve(ex, "http://backend.test/{proxy}", Map.of(), false))
        .isEqualTo("http://backend.test/a/b%20c");
  }

  @Test
  void resolve_pathVariableMappedFromOtherParam_usesThatParam() {
    Exchange ex = exchange(Map.of("userId", "7"), Map.of(), "/7");
    assertThat(
            resolve(
                ex,
                "http://backend.test/users/{id}",
                Map.of("integration.request.path.id", "method.request.path.userId"),
                false))
        .isEqualTo("http://backend.test/users/7");
  }

  @Test
  void resolve_pathVariableMappedFromLiteral_encodedKeepingSlashes() {
    Exchange ex = exchange(Map.of(), Map.of(), "/x");
    assertThat(
            resolve(
                ex,
                "http://backend.test/{p}",
                Map.of("integration.request.path.p", "'a b/c'"),
                false))
        .isEqualTo("http://backend.test/a%20b/c");
  }

  @Test
  void resolve_pathVariableUnresolved_empty() {
    Exchange ex = exchange(Map.of(), Map.of(), "/x");
    assertThat(resolve(ex, "http://backend.test/a/{missing}", Map.of(), false))
        .isEqualTo("http://backend.test/a/");
  }

  @Test
  void resolve_queryMappings_appendedEncoded() {
    Exchange ex = exchange(Map.of(), Map.of(), "/x?q=a%20b", "x-h", "h&v");
    assertThat(
            resolve(
                ex,
                "http://backend.test/x",
                Map.of("integration.request.querystring.h", "method.request.header.x-h"),
                false))
        .isEqualTo("http://backend.test/x?h=h%26v");
    assertThat(
            resolve(
                ex,
                "http://backend.test/x?fixed=1",
                Map.of("integration.request.querystring.q", "method.request.querystring.q"),
                false))
        .isEqualTo("http://backend.test/x?fixed=1&q=a%20b");
  }

  @Test
  void resolve_queryMappingWithoutValue_skipped() {
    Exchange ex = exchange(Map.of(), Map.of(), "/x");
    assertThat(
            resolve(
                ex,
                "http://backend.test/x",
                Map.of("integration.request.querystring.q", "method.request.querystring.absent"),
                false))
        .isEqualTo("http://backend.test/x");
  }

  @Test
  void resolve_forwardClientQuery_appendsRawQuery() {
    // HTTP_PROXY forwards the client's query string (spec 6.7 family, C32).
    Exchange ex = exchange(Map.of(), Map.of(), "/x?a=1&b=%2B");
    assertThat(resolve(ex, "http://backend.test/x", Map.of(), true))
        .isEqualTo("http://backend.test/x?a=1&b=%2B");
    assertThat(resolve(ex, "http://backend.test/x", Map.of(), false))
        .isEqualTo("http://backend.test/x");
  }

  @Test
  void resolve_notAbsoluteHttp_null() {
    Exchange ex = exchange(Map.of(), Map.of(), "/x");
    assertThat(resolve(ex, "ftp://backend.test/x", Map.of(), false)).isNull();
    assertThat(resolve(ex, "/relative", Map.of(), false)).isNull();
    assertThat(resolve(ex, "http://bad host/x", Map.of(), false)).isNull();
    assertThat(resolve(ex, "HTTPS://backend.test/x", Map.of(), false))
        .isEqualTo("HTTPS://backend.test/x");
  }
}
