package dev.turnpike.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteTableTest {
  private final RouteTable<String> routes =
      new RouteTable<String>()
          .add("GET", "/restapis", "getRestApis")
          .add("GET", "/restapis/{restapi_id}", "getRestApi")
          .add("POST", "/restapis/{restapi_id}/resources/{parent_id}", "createResource")
          .add("GET", "/restapis/{restapi_id}/stages", "getStages")
          .add("PUT", "/tags/{resource_arn}", "tagResource");

  @Test
  void match_literalPath_returnsHandler() {
    RouteTable.Match<String> m = routes.match("GET", "/restapis");
    assertThat(m.handler()).isEqualTo("getRestApis");
    assertThat(m.pathParams()).isEmpty();
  }

  @Test
  void match_params_bound() {
    RouteTable.Match<String> m = routes.match("POST", "/restapis/a1/resources/r9");
    assertThat(m.handler()).isEqualTo("createResource");
    assertThat(m.pathParams()).isEqualTo(Map.of("restapi_id", "a1", "parent_id", "r9"));
  }

  @Test
  void match_encodedArn_staysOneDecodedParam() {
    // botocore TagResource requestUri /tags/{resource_arn}: the SDK percent-encodes the ARN's
    // slashes.
    RouteTable.Match<String> m =
        routes.match(
            "PUT", "/tags/arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Fa1%2Fstages%2Fdev");
    assertThat(m.handler()).isEqualTo("tagResource");
    assertThat(m.pathParams())
        .containsEntry("resource_arn", "arn:aws:apigateway:us-east-1::/restapis/a1/stages/dev");
  }

  @Test
  void match_plusInSegment_literalPlus() {
    assertThat(routes.match("GET", "/restapis/a+b").pathParams())
        .containsEntry("restapi_id", "a+b");
  }

  @Test
  void match_methodMismatch_null() {
    assertThat(routes.match("DELETE", "/restapis")).isNull();
    assertThat(routes.match("POST", "/restapis/a1")).isNull();
  }

  @Test
  void match_wrongShape_null() {
    assertThat(routes.match("GET", "/restapis/")).isNull();
    assertThat(routes.match("GET", "/restapis/a1/")).isNull();
    assertThat(routes.match("GET", "/restapis/a1/deployments")).isNull();
    assertThat(routes.match("GET", "/other")).isNull();
    assertThat(routes.match("GET", "/restapis//stages")).isNull();
  }

  @Test
  void match_firstAddedRouteWins() {
    RouteTable<String> t =
        new RouteTable<String>().add("GET", "/a/{x}", "param").add("GET", "/a/b", "literal");
    assertThat(t.match("GET", "/a/b").handler()).isEqualTo("param");
  }
}
