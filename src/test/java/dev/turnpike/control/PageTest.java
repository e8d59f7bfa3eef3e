package dev.turnpike.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageTest {
  private static final List<Integer> ITEMS = IntStream.range(0, 60).boxed().toList();

  private static ApiCall call(String limit, String position) {
    Map<String, List<String>> q = new HashMap<>();
    if (limit != null) {
      q.put("limit", List.of(limit));
    }
    if (position != null) {
      q.put("position", List.of(position));
    }
    return new ApiCall(
        "123456789012", "arn:aws:iam::123456789012:root", "us-east-1", Map.of(), q, new byte[0]);
  }

  @Test
  void of_noLimit_default25() {
    // botocore apigateway: limit default 25, maximum 500.
    Page<Integer> p = Page.of(ITEMS, call(null, null));
    assertThat(p.item()).hasSize(25).startsWith(0);
    assertThat(p.position()).isNotNull();
  }

  @Test
  void of_positionRoundTrip_walksAllItemsOnce() {
    List<Integer> seen = new ArrayList<>();
    String position = null;
    int pages = 0;
    do {
      Page<Integer> p = Page.of(ITEMS, call("7", position));
      seen.addAll(p.item());
      position = p.position();
      pages++;
    } while (position != null);
    assertThat(seen).isEqualTo(ITEMS);
    assertThat(pages).isEqualTo(9);
  }

  @Test
  void of_limitBounds_1And500Accepted() {
    assertThat(Page.of(ITEMS, call("1", null)).item()).containsExactly(0);
    Page<Integer> all = Page.of(ITEMS, call("500", null));
    assertThat(all.item()).hasSize(60);
    assertThat(all.position()).isNull();
  }

  @Test
  void of_limitOutOfBounds_badRequest() {
    for (String bad : List.of("0", "501", "-1")) {
      assertThatThrownBy(() -> Page.of(ITEMS, call(bad, null)))
          .as(bad)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400))
          .hasMessageContaining("Member must have value between 1 and 500");
    }
    assertThatThrownBy(() -> Page.of(ITEMS, call("ten", null))).isInstanceOf(ApiException.class);
  }

  @Test
  void of_invalidPosition_badRequest() {
    String beyond =
        java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("61".getBytes());
    for (String bad : List.of("!!!", beyond, "bm90LWEtbnVtYmVy")) {
      assertThatThrownBy(() -> Page.of(ITEMS, call(null, bad)))
          .as(bad)
          .isInstanceOf(ApiException.class)
          .hasMessage("Invalid position parameter");
    }
  }

  @Test
  void of_emptyPositionAndEmptyList_firstPageWithoutPosition() {
    Page<Integer> p = Page.of(List.of(), call(null, ""));
    assertThat(p.item()).isEmpty();
    assertThat(p.position()).isNull();
  }
}
