package dev.turnpike.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Netty's {@link HttpObjectAggregator} with a shortcut for the usual case: a message whose body
 * arrived in one piece (every GET, and most small bodies, come from the decoder as the head
 * followed directly by its last content). Such a message becomes a full message around that one
 * content buffer, without the composite buffer and the aggregation state the general path builds
 * for every message. Anything else (a body in several pieces, {@code Expect}, a declared length
 * over the limit, a decoder failure) takes the inherited path, unchanged, so limits, 100-continue
 * and oversize handling stay Netty's.
 *
 * <p>The head is held until the next object shows which case this is; the decoder emits a bodiless
 * message's head and its empty last content together, so holding never delays anything. One
 * instance per connection.
 */
public class WholeMessageAggregator extends HttpObjectAggregator {
  private @Nullable HttpMessage held;

  public WholeMessageAggregator(int maxContentLength) {
    super(maxContentLength);
  }

  @Override
  public boolean acceptInboundMessage(Object msg) throws Exception {
    // The inherited check takes content only while it aggregates, which it does not while a head is
    // held here. A
    // head that is not already full is what the inherited check accepts too; answered here without
    // its reflective
    // type match, once per message.
    return held != null && msg instanceof HttpObject
        || msg instanceof HttpMessage && !(msg instanceof FullHttpMessage)
        || super.acceptInboundMessage(msg);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, HttpObject msg, List<Object> out)
      throws Exception {
    HttpMessage head = held;
    if (head != null) {
      held = null;
      if (msg instanceof LastHttpContent last
          && last.decoderResult().isSuccess()
          && last.content().readableBytes() <= maxContentLength()) {
        out.add(whole(head, last));
        return;
      }
      super.decode(ctx, head, out); // the general path, as if the head had gone there directly
      super.decode(ctx, msg, out);
      return;
    }
    if (msg instanceof HttpMessage m && !(msg instanceof FullHttpMessage) && canHold(m)) {
      held = m;
      return;
    }
    super.decode(ctx, msg, out);
  }

  private boolean canHold(HttpMessage m) {
    return m.decoderResult().isSuccess()
        && (m instanceof HttpRequest || m instanceof HttpResponse)
        && !m.headers().contains(HttpHeaderNames.EXPECT)
        && HttpUtil.getContentLength(m, -1L) <= maxContentLength();
  }

  /**
   * What the general path would emit for {@code head} + {@code last}: same headers, framing by
   * Content-Length.
   */
  private static FullHttpMessage whole(HttpMessage head, LastHttpContent last) {
    int length = last.content().readableBytes();
    if (head.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
      HttpUtil.setTransferEncodingChunked(head, false);
    }
    if (!HttpUtil.isContentLengthSet(head)) {
      head.headers().set(HttpHeaderNames.CONTENT_LENGTH, String.valueOf(length));
    }
    // The decoder releases `last` when this returns; the full message keeps its own reference to
    // the content.
    var content = last.content().retain();
    if (head instanceof HttpRequest r) {
      return new DefaultFullHttpRequest(
          r.protocolVersion(), r.method(), r.uri(), content, r.headers(), last.trailingHeaders());
    }
    HttpResponse r = (HttpResponse) head;
    return new DefaultFullHttpResponse(
        r.protocolVersion(), r.status(), content, r.headers(), last.trailingHeaders());
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
    held = null;
    super.handlerRemoved(ctx);
  }
}
