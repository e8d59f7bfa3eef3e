package dev.turnpike.integration.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query sent apart from its URI must be one that {@link URI} would have taken unchanged as that
 * URI's query: otherwise the gateway would forward what it used to refuse (500, bad endpoint), or
 * the other way round.
 */
class QueryTextTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a=b",
        "a=b&c=d",
        "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261126%2Fus-east-1%2Fexecute-api"
            + "%2Faws4_request&X-Amz-Date=20261126T010203Z&X-Amz-SignedHeaders=host&X-Amz-Signature=0a1b2c",
        "q=%E2%82%AC",
        "flag",
        "a=",
        "=b",
        "a=b;c=d",
        "p=/x/y?z",
        "s=it's(ok)!~*",
        "e=1+2$,@:"
      })
  void acceptsWhatUriKeepsAsTheQuery(String query) {
    assertThat(QueryText.isUriQuery(query)).isTrue();
    assertThat(URI.create("http://backend.test/p?" + query).getRawQuery()).isEqualTo(query);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a=b c",
        "a=%",
        "a=%2",
        "a=%zz",
        "a=b#c",
        "a=\"x\"",
        "a=<b>",
        "a=b|c",
        "a={b}",
        "a=\u20ac",
        "a=b\\c",
        "a=`b`",
        "a=^",
        "a=[0]"
      })
  void refusesTheRestSoTheCallerBuildsAWholeUri(String query) {
    assertThat(QueryText.isUriQuery(query)).isFalse();
  }

  @Test
  void neverAcceptsWhatUriWouldRefuseOrChange() {
    Random random = new Random(20261126);
    String alphabet = "aZ09-_.!~*'();/?:@&=+$,%#[]{}|\\^`\" <>\u00e9\u20acAf";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder q = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int j = 0; j < length; j++) {
        q.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String query = q.toString();
      if (QueryText.isUriQuery(query)) {
        assertThat(URI.create("http://backend.test/p?" + query).getRawQuery())
            .as(query)
            .isEqualTo(query);
      }
    }
  }

  @Test
  void theRequestTargetJoinsBothQueries() {
    assertThat(OutboundRequest.target("/p", null, "")).isEqualTo("/p");
    assertThat(OutboundRequest.target("/p", "a=1", "")).isEqualTo("/p?a=1");
    assertThat(OutboundRequest.target("/p", null, "b=2")).isEqualTo("/p?b=2");
    assertThat(OutboundRequest.target("/p", "a=1", "b=2")).isEqualTo("/p?a=1&b=2");
    assertThat(OutboundRequest.target("/p", "", "b=2"))
        .isEqualTo("/p?&b=2"); // as the whole-URI path built it
  }
}
