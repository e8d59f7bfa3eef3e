package dev.turnpike.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;

/**
 * Tells {@link RequestDeadlines} where each request's head and end are, from the messages an HTTP
 * codec emits, for pipelines whose decoder is not a {@link GatewayRequestDecoder} (the admin
 * listener's {@code HttpServerCodec}). Placed right after the codec; one per connection.
 */
final class RequestPhases extends ChannelInboundHandlerAdapter {
  static final String NAME = "request-phases";

  private @Nullable RequestDeadlines deadlines;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadlines = ctx.pipeline().get(RequestDeadlines.class);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    RequestDeadlines d = deadlines;
    if (d != null) {
      if (msg instanceof HttpRequest) {
        d.headReceived();
      }
      if (msg instanceof LastHttpContent) {
        d.requestReceived();
      }
    }
    ctx.fireChannelRead(msg);
  }
}
