package dev.turnpike.integration.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** How a {@link BackendRequest} goes on the wire. */
class OutboundRequestTest {

  @Test
  void of_rawPathAndQuery_areSentAsWritten() {
    FullHttpRequest message =
        OutboundRequest.of(
            request(
                "GET", "http://b.example/a%2Fb/c+d?e=%2B&f=g h".replace(" ", "%20"), new byte[0]));
    try {
      assertThat(message.uri()).isEqualTo("/a%2Fb/c+d?e=%2B&f=g%20h");
    } finally {
      message.release();
    }
  }

  @Test
  void of_noPath_sendsSlash() {
    FullHttpRequest message = OutboundRequest.of(request("GET", "http://b.example", new byte[0]));
    try {
      assertThat(message.uri()).isEqualTo("/");
      assertThat(message.headers().get("Host")).isEqualTo("b.example");
    } finally {
      message.release();
    }
  }

  @Test
  void of_bodyWithStaleFraming_recomputesContentLengthAndDropsChunking() {
    HttpHeaders headers =
        new DefaultHttpHeaders().add("Content-Length", "999").add("Transfer-Encoding", "chunked");
    FullHttpRequest message =
        OutboundRequest.of(
            new BackendRequest(
                "POST", URI.create("http://b.example/"), headers, new byte[3], 1_000));
    try {
      assertThat(message.headers().getAll("Content-Length")).containsExactly("3");
      assertThat(message.headers().contains("Transfer-Encoding")).isFalse();
      assertThat(message.content().readableBytes()).isEqualTo(3);
      assertThat(headers.get("Content-Length")).isEqualTo("999"); // the caller's headers untouched
    } finally {
      message.release();
    }
  }

  @Test
  void of_getWithoutBody_sendsNoContentLength() {
    FullHttpRequest message = OutboundRequest.of(request("GET", "http://b.example/", new byte[0]));
    try {
      assertThat(message.headers().contains("Content-Length")).isFalse();
    } finally {
      message.release();
    }
  }

  @Test
  void of_postWithoutBody_sendsContentLengthZero() {
    FullHttpRequest message = OutboundRequest.of(request("POST", "http://b.example/", new byte[0]));
    try {
      assertThat(message.headers().get("Content-Length")).isEqualTo("0");
    } finally {
      message.release();
    }
  }

  private static BackendRequest request(String method, String uri, byte[] body) {
    return new BackendRequest(method, URI.create(uri), new DefaultHttpHeaders(), body, 1_000);
  }
}
