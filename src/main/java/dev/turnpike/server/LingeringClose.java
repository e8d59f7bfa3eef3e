package dev.turnpike.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection after a final answer without losing that answer to a reset (issue 22): a
 * client that writes its whole body before it reads (a 413 for 11 MB) still has bytes in flight
 * when the server is done; closing with unread bytes makes the kernel send RST, which can discard
 * the answer before the client reads it. So: the answer is flushed, the sending side is shut down
 * (the client reads the answer, then end of stream), and what the client still sends is read and
 * dropped, first in the pipeline so nothing decodes it, until it closes its side or {@link
 * #MAX_MILLIS} pass (nginx calls this lingering close).
 */
final class LingeringClose extends ChannelInboundHandlerAdapter {
  static final String NAME = "lingering-close";
  static final long MAX_MILLIS = 5_000;

  private LingeringClose() {}

  /** After {@code answer} is written: shut output, drain input, close. */
  static void after(ChannelFuture answer) {
    Channel ch = answer.channel();
    answer.addListener(
        f -> {
          if (!(ch instanceof DuplexChannel duplex) || !ch.isActive() || !f.isSuccess()) {
            ch.close();
            return;
          }
          if (ch.pipeline().get(NAME) == null) {
            ch.pipeline().addFirst(NAME, new LingeringClose());
          }
          ch.config().setAutoRead(true);
          duplex.shutdownOutput();
          ch.eventLoop().schedule(() -> ch.close(), MAX_MILLIS, TimeUnit.MILLISECONDS);
        });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ReferenceCountUtil.release(msg); // bytes of a request already answered: dropped
    if (!(msg instanceof ByteBuf)) {
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      ctx.close(); // the client is done sending
    }
    ReferenceCountUtil.release(evt);
  }
}
