package dev.turnpike.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Netty's request decoder, telling {@link RequestDeadlines} where each request's head and end are,
 * and when bytes of a next request wait in its buffer after one ends (pipelining).
 */
final class GatewayRequestDecoder extends HttpRequestDecoder {
  private @Nullable RequestDeadlines deadlines;

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
    super.decode(ctx, buffer, out);
    RequestDeadlines d = deadlines;
    if (d == null) {
      return;
    }
    for (int i = before, n = out.size(); i < n; i++) {
      Object m = out.get(i);
      if (m instanceof HttpRequest) {
        d.headReceived();
      }
      if (m instanceof LastHttpContent) {
        d.requestReceived();
      }
    }
    if (buffer.isReadable()) {
      d.headStarted(); // no-op while a request is being read
    }
  }
}
