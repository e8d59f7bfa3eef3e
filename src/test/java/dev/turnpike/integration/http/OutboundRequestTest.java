package dev.turnpike.integration.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequestEncoder;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * How a {@link BackendRequest} goes on the wire; Netty's request encoder is the oracle for {@code
 * encode}.
 */
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

  @Test
  void encode_writesTheEncodersBytesForTheSameRequest() {
    HttpHeaders proxied =
        new DefaultHttpHeaders()
            .add("Host", "b.example:8080")
            .add("User-Agent", "curl/8.0")
            .add("X-Forwarded-For", "203.0.113.9")
            .add("Cookie", "a=1")
            .add("Cookie", "b=2")
            .add(
                "X-Name",
                "café ☕") // one byte per character: é as itself (up to 0xFF), ☕ as '?', as the
            // encoder does
            .add("X-Long", "v".repeat(5_000)); // past the head's first array
    HttpHeaders stale =
        new DefaultHttpHeaders().add("Content-Length", "999").add("Transfer-Encoding", "chunked");
    assertSameAsEncoder(
        new BackendRequest(
            "GET",
            URI.create("http://b.example:8080/pets/1?x=1"),
            "a=%2B&b=",
            proxied,
            new byte[0],
            1_000));
    assertSameAsEncoder(request("GET", "http://b.example", new byte[0])); // Host added, target "/"
    assertSameAsEncoder(
        new BackendRequest("POST", URI.create("http://b.example/p"), stale, new byte[3], 1_000));
    assertSameAsEncoder(request("PUT", "http://b.example/p", new byte[0])); // Content-Length: 0
    assertSameAsEncoder(
        request("DELETE", "http://b.example/a%2Fb/c+d", "{\"k\":1}".getBytes(UTF_8)));
    assertSameAsEncoder(
        request("PATCH", "http://b.example/é/x", "é".getBytes(UTF_8))); // target in UTF-8
    assertSameAsEncoder(request("OPTIONS", "http://b.example/", new byte[70_000]));
  }

  @Test
  void encode_isOnlyForMethodsTheCodecKeepsNoStateFor() {
    for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
      assertThat(OutboundRequest.writesDirectly(method)).as(method).isTrue();
    }
    // HEAD: the codec's decoder must know the response has no body; CONNECT: a 2xx opens a tunnel.
    for (String method : new String[] {"HEAD", "CONNECT", "TRACE", "PROPFIND"}) {
      assertThat(OutboundRequest.writesDirectly(method)).as(method).isFalse();
    }
  }

  private static void assertSameAsEncoder(BackendRequest request) {
    EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
    encoder.writeOutbound(OutboundRequest.of(request));
    ByteBuf expected = Unpooled.buffer();
    for (ByteBuf b = encoder.readOutbound(); b != null; b = encoder.readOutbound()) {
      expected.writeBytes(b);
      b.release();
    }
    encoder.finishAndReleaseAll();
    ByteBuf actual = OutboundRequest.encode(request, ByteBufAllocator.DEFAULT);
    try {
      assertThat(actual.toString(ISO_8859_1)).isEqualTo(expected.toString(ISO_8859_1));
      assertThat(ByteBufUtil.equals(actual, expected)).isTrue();
    } finally {
      actual.release();
    }
  }

  private static BackendRequest request(String method, String uri, byte[] body) {
    return new BackendRequest(method, URI.create(uri), new DefaultHttpHeaders(), body, 1_000);
  }
}
