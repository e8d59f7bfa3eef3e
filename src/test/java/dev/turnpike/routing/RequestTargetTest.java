package dev.turnpike.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 22: dot segments, stray percent signs and raw bytes in request-targets. */
class RequestTargetTest {
  @Test
  void normalize_ordinaryTarget_returnsSameInstance() {
    String t = "/prod/pets/12?limit=3&sort=a.b";
    assertThat(RequestTarget.normalize(t)).isSameAs(t);
  }

  @Test
  void normalize_dotSegments_resolvedAsRfc3986() {
    assertThat(RequestTarget.normalize("/prod/public/../admin")).isEqualTo("/prod/admin");
    assertThat(RequestTarget.normalize("/prod/public/%2e%2e/admin")).isEqualTo("/prod/admin");
    assertThat(RequestTarget.normalize("/prod/public/.%2E/admin")).isEqualTo("/prod/admin");
    assertThat(RequestTarget.normalize("/prod/a/./b/")).isEqualTo("/prod/a/b/");
    assertThat(RequestTarget.normalize("/prod/a/b/..")).isEqualTo("/prod/a/");
    assertThat(RequestTarget.normalize("/../../x?q=..")).isEqualTo("/x?q=..");
    assertThat(RequestTarget.normalize("/prod/file.json")).isEqualTo("/prod/file.json");
    assertThat(RequestTarget.normalize("/prod/.../x")).isEqualTo("/prod/.../x");
  }

  @Test
  void normalize_encodedSlashAndParameters_stayOneSegment() {
    assertThat(RequestTarget.normalize("/prod/public/..%2fadmin"))
        .isEqualTo("/prod/public/..%2fadmin");
    assertThat(RequestTarget.normalize("/prod/public/..;/admin"))
        .isEqualTo("/prod/public/..;/admin");
  }

  @Test
  void normalize_strayPercentAndUnsafeBytes_encoded() {
    assertThat(RequestTarget.normalize("/prod/hello?q=%zz")).isEqualTo("/prod/hello?q=%25zz");
    assertThat(RequestTarget.normalize("/p?q=%4")).isEqualTo("/p?q=%254");
    assertThat(RequestTarget.normalize("/p/{a}|^\"<>\\[]`"))
        .isEqualTo("/p/%7Ba%7D%7C%5E%22%3C%3E%5C%5B%5D%60");
    // Raw UTF-8 (é = C3 A9) as Netty hands it over, one char per byte.
    assertThat(RequestTarget.normalize("/p/caf\u00c3\u00a9")).isEqualTo("/p/caf%C3%A9");
    assertThat(RequestTarget.normalize("/p/caf%C3%A9")).isEqualTo("/p/caf%C3%A9");
  }

  @Test
  void climbs_everyBackendReading() {
    assertThat(RequestTarget.climbs("..%2fadmin")).isTrue();
    assertThat(RequestTarget.climbs("..%2Fadmin")).isTrue();
    assertThat(RequestTarget.climbs("..;")).isTrue();
    assertThat(RequestTarget.climbs("..;x=1")).isTrue();
    assertThat(RequestTarget.climbs("..%5cadmin")).isTrue();
    assertThat(RequestTarget.climbs("%2e%2e")).isTrue();
    assertThat(RequestTarget.climbs("/public/../admin")).isTrue();
    assertThat(RequestTarget.climbs("a..b")).isFalse();
    assertThat(RequestTarget.climbs("v1.2/file.txt")).isFalse();
    assertThat(RequestTarget.climbs("...")).isFalse();
    assertThat(RequestTarget.climbs("%zz")).isFalse();
  }

  @Test
  void hashInThePath_issue22_encodedSoTheBackendServesThePathRouted() {
    // Found by RequestTargetFuzzTest: a raw '#' in the path was a fragment to the backend.
    assertThat(RequestTarget.normalize("/public/a#b")).isEqualTo("/public/a%23b");
    assertThat(RequestTarget.normalize("/a#b/../c?q=1#f")).isEqualTo("/c?q=1#f");
    assertThat(RequestTarget.normalize("/a?q=1#f")).isEqualTo("/a?q=1#f");
  }
}
