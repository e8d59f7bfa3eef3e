package dev.turnpike.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Netty's request decoder, telling {@link RequestDeadlines} where each request's head and end are,
 * and when bytes of a next request wait in its buffer after one ends (pipelining).
 *
 * <p>It also refuses obsolete line folding (RFC 9112 5.2: a header line starting with a space or
 * tab), which Netty joins to the line before: a front proxy that reads the continued line as a
 * header of its own (say {@code Transfer-Encoding}) would frame the request differently (issue 22,
 * smuggling). Netty consumes a head in whole lines, so the bytes a call consumed while a head was
 * being read are whole head lines; a line after the first that starts with SP or HTAB marks the
 * request failed, which {@link GatewayHandler} answers with 400 and a close.
 */
final class GatewayRequestDecoder extends HttpRequestDecoder {
  private @Nullable RequestDeadlines deadlines;

  /** Between the end of one request and the head of the next. */
  private boolean inHead = true;

  /** Lines of the current head consumed so far. */
  private int headLines;

  private boolean folded;

  GatewayRequestDecoder(HttpDecoderConfig config) {
    super(config);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
    deadlines = ctx.pipeline().get(RequestDeadlines.class);
    super.handlerAdded(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
      throws Exception {
    int before = out.size();
    int from = buffer.readerIndex();
    boolean head = inHead;
    super.decode(ctx, buffer, out);
    if (head) {
      scanHead(buffer, from, buffer.readerIndex());
    }
    RequestDeadlines d = deadlines;
    for (int i = before, n = out.size(); i < n; i++) {
      Object m = out.get(i);
      if (m instanceof HttpRequest r) {
        if (folded) {
          r.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("obs-fold")));
        }
        inHead = false;
        if (d != null) {
          d.headReceived();
        }
      }
      if (m instanceof LastHttpContent) {
        inHead = true;
        headLines = 0;
        folded = false;
        if (d != null) {
          d.requestReceived();
        }
      }
    }
    if (d != null && buffer.isReadable()) {
      d.headStarted(); // no-op while a request is being read
    }
  }

  /** Counts the head lines in {@code [from, to)}; a folded one sets {@link #folded}. */
  private void scanHead(ByteBuf buffer, int from, int to) {
    int lineStart = from;
    while (lineStart < to) {
      if (headLines > 0) {
        byte first = buffer.getByte(lineStart);
        if (first == ' ' || first == '\t') {
          folded = true;
        }
      }
      int lf = buffer.indexOf(lineStart, to, (byte) '\n');
      if (lf < 0) {
        return;
      }
      headLines++;
      lineStart = lf + 1;
    }
  }
}
