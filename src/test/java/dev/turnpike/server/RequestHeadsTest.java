package dev.turnpike.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** The RFC 9112 head checks; the wire-level vectors are in it/SmugglingIT and it/HostileInputIT. */
class RequestHeadsTest {
  private static HttpRequest post(String uri, String... headerPairs) {
    HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
    r.headers().set("Host", "api.example");
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      r.headers().add(headerPairs[i], headerPairs[i + 1]);
    }
    return r;
  }

  @Test
  void transferEncoding_onlyASingleChunkedIsAccepted() {
    assertThat(RequestHeads.acceptable(post("/a", "Transfer-Encoding", "chunked"))).isTrue();
    assertThat(RequestHeads.acceptable(post("/a", "Transfer-Encoding", "CHUNKED"))).isTrue();
    for (String te : new String[] {"chunked, identity", "gzip, chunked", "identity", "xchunked"}) {
      assertThat(RequestHeads.acceptable(post("/a", "Transfer-Encoding", te))).as(te).isFalse();
    }
    assertThat(
            RequestHeads.acceptable(
                post("/a", "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked")))
        .isFalse();
  }

  @Test
  void absoluteForm_servedAsOriginFormOnlyForItsOwnHost() {
    HttpRequest own = post("http://API.example/prod/x?q=1");
    assertThat(RequestHeads.acceptable(own)).isTrue();
    assertThat(own.uri()).isEqualTo("/prod/x?q=1");
    HttpRequest bare = post("https://api.example");
    assertThat(RequestHeads.acceptable(bare)).isTrue();
    assertThat(bare.uri()).isEqualTo("/");
    assertThat(RequestHeads.acceptable(post("http://other.example/prod/x"))).isFalse();
    assertThat(RequestHeads.acceptable(post("http://u@api.example/prod/x"))).isFalse();
    assertThat(RequestHeads.acceptable(post("ftp://api.example/prod/x"))).isFalse();
    assertThat(RequestHeads.acceptable(post("prod/x"))).isFalse();
  }
}
