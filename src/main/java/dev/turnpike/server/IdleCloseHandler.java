package dev.turnpike.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;

/** Closes a connection that stayed idle past the listener's idle timeout. Stateless, so shared. */
@Sharable
final class IdleCloseHandler extends ChannelDuplexHandler {
  static final String NAME = "idle-close";
  static final IdleCloseHandler INSTANCE = new IdleCloseHandler();

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      super.userEventTriggered(ctx, evt);
    }
  }
}
