package dev.turnpike.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BasePathMatcherTest {
  // The mapping table of
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html (C74)
  private final BasePathMatcher doc =
      new BasePathMatcher(
          List.of(
              new BasePathMatcher.Mapping("", "api1", "dev"),
              new BasePathMatcher.Mapping("orders/v1/items", "api2", "dev"),
              new BasePathMatcher.Mapping("orders/v2/items", "api3", "dev"),
              new BasePathMatcher.Mapping("orders/v2/items/categories", "api4", "dev")));

  @Test
  void match_docTable_longestWholeSegmentMappingWins() {
    assertThat(api("/orders/v1/items")).isEqualTo("api2");
    assertThat(api("/orders/v2/items")).isEqualTo("api3");
    assertThat(api("/orders/v1/items/123")).isEqualTo("api2");
    assertThat(api("/orders/v2/items/categories/5")).isEqualTo("api4");
    assertThat(api("/customers")).isEqualTo("api1");
    assertThat(api("/orders/v2/itemsX")).isEqualTo("api1");
  }

  @Test
  void match_stripsTheMatchedPrefix() {
    assertThat(doc.match("/orders/v1/items/123").remainingPath()).isEqualTo("/123");
    assertThat(doc.match("/orders/v1/items").remainingPath()).isEqualTo("/");
    assertThat(doc.match("/customers").remainingPath()).isEqualTo("/customers");
  }

  @Test
  void match_noMappingAndNoNone_isNull() {
    BasePathMatcher m =
        new BasePathMatcher(List.of(new BasePathMatcher.Mapping("orders", "api2", "test")));
    assertThat(m.match("/customers")).isNull();
    assertThat(m.match("/orders/x").remainingPath()).isEqualTo("/x");
  }

  private String api(String path) {
    return doc.match(path).mapping().restApiId();
  }
}
