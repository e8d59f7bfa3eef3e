package dev.turnpike.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.snapshot.ParameterSource.Kind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Parameter-mapping sources and request mappings, parsed once per deployment (issue 16; spec 6.10,
 * C36).
 */
class ParameterSourceTest {
  @Test
  void parse_everySourceForm_kindAndName() {
    assertThat(ParameterSource.parse("'static value'"))
        .isEqualTo(new ParameterSource(Kind.LITERAL, "static value", List.of()));
    assertThat(ParameterSource.parse("method.request.header.X-Id").kind()).isEqualTo(Kind.HEADER);
    assertThat(ParameterSource.parse("method.request.querystring.q").name()).isEqualTo("q");
    assertThat(ParameterSource.parse("method.request.multivaluequerystring.q").kind())
        .isEqualTo(Kind.MULTI_VALUE_QUERY);
    assertThat(ParameterSource.parse("method.request.path.proxy").name()).isEqualTo("proxy");
    assertThat(ParameterSource.parse("stageVariables.host").kind()).isEqualTo(Kind.STAGE_VARIABLE);
    assertThat(ParameterSource.parse("context.identity.sourceIp").contextPath())
        .containsExactly("identity", "sourceIp");
    assertThat(ParameterSource.parse("integration.response.header.ETag").kind())
        .isEqualTo(Kind.INTEGRATION_RESPONSE_HEADER);
  }

  @Test
  void parse_unknownForm_unsupportedNotAnError() {
    assertThat(ParameterSource.parse("method.request.body.x").kind()).isEqualTo(Kind.UNSUPPORTED);
    assertThat(ParameterSource.parse("'").kind()).isEqualTo(Kind.UNSUPPORTED);
  }

  @Test
  void compile_requestParameters_splitByTargetInOrder() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("integration.request.header.X-A", "'a'");
    params.put("integration.request.querystring.q", "method.request.querystring.q");
    params.put("integration.request.header.X-B", "method.request.header.b");
    params.put("integration.request.path.id", "method.request.path.petId");
    RequestMappings m = RequestMappings.compile(params);
    assertThat(m.headers()).extracting(ParameterMapping::target).containsExactly("X-A", "X-B");
    assertThat(m.queries()).extracting(ParameterMapping::target).containsExactly("q");
    assertThat(m.paths().get("id")).isEqualTo(ParameterSource.parse("method.request.path.petId"));
    assertThat(m.mapsFramingHeader()).isFalse();
  }

  @Test
  void compile_contentLengthOrTransferEncodingMapped_flagged() {
    // C36: AWS answers a mapped Content-Length / Transfer-Encoding with a 500 at invoke time.
    assertThat(
            RequestMappings.compile(Map.of("integration.request.header.content-length", "'5'"))
                .mapsFramingHeader())
        .isTrue();
    assertThat(
            RequestMappings.compile(
                    Map.of("integration.request.header.Transfer-Encoding", "'chunked'"))
                .mapsFramingHeader())
        .isTrue();
  }
}
