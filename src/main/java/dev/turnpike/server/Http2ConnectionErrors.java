package dev.turnpike.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * The last handler of an HTTP/2 connection's pipeline. Netty's HTTP/2 codec answers a protocol
 * abuse itself (rapid reset: GOAWAY {@code ENHANCE_YOUR_CALM} past 200 RST_STREAM frames in 30 s,
 * CVE-2023-44487) and then passes the error on; without a handler here it reached the pipeline's
 * tail, which logged a three-line WARNING per connection (issue 22). Here the connection is closed
 * and the event logged as one line, at most once a minute for all connections together.
 */
@Sharable
final class Http2ConnectionErrors extends ChannelInboundHandlerAdapter {
  static final String NAME = "h2-errors";
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final RareLog log;

  Http2ConnectionErrors(Consumer<String> out) {
    this.log = new RareLog(MINUTE_NANOS, out);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    String peer =
        ctx.channel().remoteAddress() instanceof InetSocketAddress a
            ? a.getAddress().getHostAddress()
            : "?";
    log.event("turnpike: WARN HTTP/2 connection from " + peer + " closed: " + cause.getMessage());
    ctx.close();
  }
}
