package dev.turnpike.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shortcut must be invisible: for the same bytes, {@link WholeMessageAggregator} emits what
 * Netty's {@link HttpObjectAggregator} emits (start line, headers in order, body, trailers, decoder
 * result, and what goes back to the peer), whether the body came in one piece (the shortcut) or not
 * (the inherited path).
 */
class WholeMessageAggregatorTest {
  private static final int LIMIT = 64;

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET /a?b=c HTTP/1.1\r\nHost: h\r\nX-One: 1\r\nX-One: 2\r\n\r\n",
        "GET / HTTP/1.0\r\n\r\n",
        "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
        "POST /p HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n",
        "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trailer: t\r\n\r\n",
        "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n",
        "POST /p HTTP/1.1\r\nContent-Length: 100\r\n\r\n",
        "POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "28\r\n0123456789012345678901234567890123456789\r\n"
            + "28\r\n0123456789012345678901234567890123456789\r\n0\r\n\r\n",
        "POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
        "POST /p HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 300\r\n\r\n",
        "GET /1 HTTP/1.1\r\n\r\n"
            + "POST /2 HTTP/1.1\r\n"
            + "Content-Length: 2\r\n\r\n"
            + "hiGET /3 HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Header\r\n\r\n",
        "NOT-HTTP\r\n\r\n",
      })
  void requestsComeOutAsNettysAggregatorMakesThem(String wire) {
    assertSame(() -> new HttpRequestDecoder(), wire, 1);
    assertSame(() -> new HttpServerCodec(), wire, 1);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 40})
  void aBodyArrivingInPiecesTakesTheInheritedPath(int pieceSize) {
    assertSame(
        () -> new HttpRequestDecoder(),
        "PUT /p HTTP/1.1\r\nContent-Length: 26\r\n\r\nabcdefghijklmnopqrstuvwxyz",
        pieceSize);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
        "HTTP/1.1 204 No Content\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 500\r\n\r\n",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
      })
  void responsesComeOutAsNettysAggregatorMakesThem(String wire) {
    assertSame(() -> new HttpResponseDecoder(), wire, 1);
  }

  @Test
  void theShortcutSharesTheDecodersBufferAndReleasesItWithTheMessage() {
    EmbeddedChannel ch =
        new EmbeddedChannel(new HttpRequestDecoder(), new WholeMessageAggregator(LIMIT));
    ch.writeInbound(bytes("POST /p HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"));
    FullHttpRequest r = ch.readInbound();
    assertThat(r.method()).isEqualTo(HttpMethod.POST);
    assertThat(r.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
    assertThat(r.refCnt()).isEqualTo(1);
    assertThat(r.release()).isTrue();
    assertThat(ch.finishAndReleaseAll()).isFalse();
  }

  @Test
  void aConnectionClosedWhileTheBodyIsOutstandingEndsAsNettyEndsIt() {
    String wire = "POST /p HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc";
    Outcome expected = run(new HttpRequestDecoder(), new HttpObjectAggregator(LIMIT), wire, 100);
    Outcome actual = run(new HttpRequestDecoder(), new WholeMessageAggregator(LIMIT), wire, 100);
    assertThat(actual).isEqualTo(expected);
    assertThat(expected.messages()).anyMatch(m -> m.contains("PrematureChannelClosure"));
  }

  @Test
  void aResponseToHeadKeepsItsDeclaredLengthAndHasNoBody() {
    for (ChannelHandler aggregator :
        List.of(new HttpObjectAggregator(LIMIT), new WholeMessageAggregator(LIMIT))) {
      EmbeddedChannel ch =
          new EmbeddedChannel(new io.netty.handler.codec.http.HttpClientCodec(), aggregator);
      ch.writeOutbound(
          new io.netty.handler.codec.http.DefaultFullHttpRequest(
              io.netty.handler.codec.http.HttpVersion.HTTP_1_1, HttpMethod.HEAD, "/"));
      ch.releaseOutbound();
      ch.writeInbound(bytes("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n"));
      FullHttpResponse r = ch.readInbound();
      assertThat(r.headers().get("Content-Length")).isEqualTo("50");
      assertThat(r.content().readableBytes()).isZero();
      r.release();
      ch.finishAndReleaseAll();
    }
  }

  private static void assertSame(Supplier<ChannelHandler> decoder, String wire, int pieceSize) {
    Outcome expected = run(decoder.get(), new HttpObjectAggregator(LIMIT), wire, pieceSize);
    Outcome actual = run(decoder.get(), new WholeMessageAggregator(LIMIT), wire, pieceSize);
    assertThat(actual.messages()).isEqualTo(expected.messages());
    assertThat(actual.sentBack()).isEqualTo(expected.sentBack());
    assertThat(actual.open()).isEqualTo(expected.open());
    assertThat(expected.messages().size() + expected.sentBack().length()).isPositive();
  }

  private record Outcome(List<String> messages, String sentBack, boolean open) {}

  private static Outcome run(
      ChannelHandler decoder, ChannelHandler aggregator, String wire, int pieceSize) {
    EmbeddedChannel ch = new EmbeddedChannel(decoder, aggregator);
    byte[] b = wire.getBytes(StandardCharsets.ISO_8859_1);
    List<String> messages = new ArrayList<>();
    for (int i = 0; i < b.length && ch.isOpen(); i += pieceSize) {
      try {
        ch.writeInbound(Unpooled.wrappedBuffer(b, i, Math.min(pieceSize, b.length - i)));
      } catch (RuntimeException e) {
        messages.add("raised " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      messages.addAll(drain(ch));
    }
    StringBuilder sent = new StringBuilder();
    for (Object o; (o = ch.readOutbound()) != null; ) {
      sent.append(
          o instanceof ByteBuf buf ? buf.toString(StandardCharsets.ISO_8859_1) : describe(o));
      ReferenceCountUtil.release(o);
    }
    boolean open = ch.isOpen();
    try {
      ch.finish();
    } catch (RuntimeException e) {
      messages.add("on close raised " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    messages.addAll(drain(ch));
    ch.finishAndReleaseAll();
    return new Outcome(messages, sent.toString(), open);
  }

  private static List<String> drain(EmbeddedChannel ch) {
    List<String> out = new ArrayList<>();
    for (Object o; (o = ch.readInbound()) != null; ) {
      out.add(describe(o));
      ReferenceCountUtil.release(o);
    }
    return out;
  }

  private static String describe(Object o) {
    StringBuilder d =
        new StringBuilder(
            o instanceof FullHttpMessage ? "full " : o.getClass().getSimpleName() + " ");
    if (o instanceof FullHttpRequest r) {
      d.append(r.method()).append(' ').append(r.uri()).append(' ').append(r.protocolVersion());
    } else if (o instanceof FullHttpResponse r) {
      d.append(r.status()).append(' ').append(r.protocolVersion());
    }
    if (o instanceof FullHttpMessage m) {
      d.append(" result=")
          .append(
              m.decoderResult().isSuccess()
                  ? "ok"
                  : m.decoderResult().cause().getClass().getSimpleName());
      m.headers()
          .forEach(
              h -> d.append(" [").append(h.getKey()).append(": ").append(h.getValue()).append(']'));
      d.append(" body=").append(m.content().toString(StandardCharsets.ISO_8859_1));
      m.trailingHeaders()
          .forEach(
              h -> d.append(" {").append(h.getKey()).append(": ").append(h.getValue()).append('}'));
    }
    return d.toString();
  }

  private static ByteBuf bytes(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
  }
}
