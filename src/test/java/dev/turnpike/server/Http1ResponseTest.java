package dev.turnpike.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Http1Response} writes what Netty's {@link HttpResponseEncoder} writes for the same message
 * with the gateway's headers {@code set} on it, byte for byte; the encoder is the oracle.
 */
class Http1ResponseTest {
  private static final AsciiString[] GATEWAY = {
    HttpHeaderNames.DATE,
    HttpHeaderNames.CONTENT_LENGTH,
    AsciiString.cached("x-amzn-RequestId"),
    AsciiString.cached("x-amz-apigw-id"),
    HttpHeaderNames.CONNECTION
  };

  @Test
  void aProxiedAnswerIsTheEncodersBytes() {
    HttpHeaders h = new DefaultHttpHeaders();
    h.add("Content-Type", "text/plain");
    h.add("Server", "nginx/1.22.1");
    h.add("Set-Cookie", "a=1");
    h.add("Set-Cookie", "b=2");
    assertSameAsEncoder(
        200, h, "hello".getBytes(StandardCharsets.UTF_8), HttpHeaderValues.KEEP_ALIVE);
  }

  @Test
  void headersTheGatewaySetsReplaceTheRepliesOwnWhateverTheirCase() {
    HttpHeaders h = new DefaultHttpHeaders();
    h.add("date", "Mon, 01 Jan 2001 00:00:00 GMT");
    h.add("X-Before", "1");
    h.add("CONTENT-LENGTH", "999");
    h.add("Connection", "upgrade");
    h.add("X-AMZN-REQUESTID", "from-the-backend");
    h.add("x-amz-apigw-id", "also");
    h.add("X-After", "2");
    assertSameAsEncoder(502, h, new byte[0], HttpHeaderValues.CLOSE);
  }

  @Test
  void charactersAreOneByteEachAsTheEncoderWritesThem() {
    HttpHeaders h = new DefaultHttpHeaders();
    h.add("X-Name", "café ☕"); // é (up to 0xFF) as itself, ☕ as '?'
    h.add("X-Long", "v".repeat(5_000)); // past the head's first array
    assertSameAsEncoder(201, h, "{}".getBytes(StandardCharsets.UTF_8), HttpHeaderValues.KEEP_ALIVE);
  }

  @Test
  void everyStatusCodeItWritesHasTheEncodersStatusLine() {
    int written = 0;
    for (int code = 100; code < 600; code++) {
      if (Http1Response.writes(code, EmptyHttpHeaders.INSTANCE)) {
        assertSameAsEncoder(
            code,
            new DefaultHttpHeaders(),
            "x".getBytes(StandardCharsets.UTF_8),
            HttpHeaderValues.KEEP_ALIVE);
        written++;
      }
    }
    assertEquals(400 - 3, written, "200-599 but 204, 205 and 304");
  }

  @Test
  void framingSpecialCasesAreLeftToTheEncoder() {
    for (int code : new int[] {100, 101, 103, 199, 204, 205, 304}) {
      assertFalse(Http1Response.writes(code, EmptyHttpHeaders.INSTANCE), "status " + code);
    }
    assertFalse(
        Http1Response.writes(200, new DefaultHttpHeaders().add("Transfer-Encoding", "chunked")));
    assertTrue(
        Http1Response.writes(200, new DefaultHttpHeaders().add("Content-Type", "text/plain")));
  }

  @Test
  void randomHeadersAndBodies() {
    Random random = new Random(7);
    for (int n = 0; n < 500; n++) {
      HttpHeaders h = new DefaultHttpHeaders();
      int count = random.nextInt(12);
      for (int i = 0; i < count; i++) {
        String name =
            random.nextInt(6) == 0
                ? GATEWAY[random.nextInt(GATEWAY.length)].toString().toUpperCase()
                : "X-H" + random.nextInt(5);
        h.add(name, "v" + random.nextInt(1000));
      }
      byte[] body =
          new byte[random.nextInt(4) == 0 ? random.nextInt(200_000) : random.nextInt(300)];
      random.nextBytes(body);
      int status = 200 + random.nextInt(400);
      if (!Http1Response.writes(status, h)) {
        continue;
      }
      assertSameAsEncoder(
          status,
          h,
          body,
          random.nextBoolean() ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
    }
  }

  private static void assertSameAsEncoder(
      int status, HttpHeaders headers, byte[] body, CharSequence connection) {
    CharSequence[] values = {
      "Sun, 06 Dec 2026 16:40:00 GMT",
      Integer.toString(body.length),
      "0b4a3c2e-1d5f-4e6a-8b7c-9d0e1f2a3b4c",
      "J5J7p5BwPyFmBC4=",
      connection
    };
    HttpHeaders copy = new DefaultHttpHeaders().add(headers);
    FullHttpResponse message =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status),
            Unpooled.wrappedBuffer(body.clone()),
            copy,
            EmptyHttpHeaders.INSTANCE);
    for (int i = 0; i < GATEWAY.length; i++) {
      message.headers().set(GATEWAY[i], values[i]);
    }
    EmbeddedChannel encoder = new EmbeddedChannel(new HttpResponseEncoder());
    encoder.writeOutbound(message);
    byte[] expected = drain(encoder);
    ByteBuf direct =
        Http1Response.encode(ByteBufAllocator.DEFAULT, status, headers, GATEWAY, values, body);
    byte[] actual = new byte[direct.readableBytes()];
    direct.readBytes(actual);
    direct.release();
    assertEquals(
        new String(expected, StandardCharsets.ISO_8859_1),
        new String(actual, StandardCharsets.ISO_8859_1),
        "status " + status);
    assertTrue(Arrays.equals(expected, actual), "status " + status);
  }

  private static byte[] drain(EmbeddedChannel ch) {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf b = ch.readOutbound(); b != null; b = ch.readOutbound()) {
      all.writeBytes(b);
      b.release();
    }
    byte[] bytes = new byte[all.readableBytes()];
    all.readBytes(bytes);
    ch.finishAndReleaseAll();
    return bytes;
  }
}
