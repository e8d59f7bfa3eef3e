package dev.turnpike.server;

import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The data-plane connection pipeline, in the order bytes meet it. */
final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {
  private final ListenerLimits limits;
  private final GatewayRequestPath path;
  private final Supplier<GatewaySnapshot> snapshots;
  private final HttpDate date;

  GatewayChannelInitializer(ListenerLimits limits, GatewayRequestPath path, Supplier<GatewaySnapshot> snapshots,
      HttpDate date) {
    this.limits = limits;
    this.path = path;
    this.snapshots = snapshots;
    this.date = date;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    addTimeouts(p);
    addHttpCodec(p);
    addGateway(p);
  }

  private void addTimeouts(ChannelPipeline p) {
    p.addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast(IdleCloseHandler.NAME, IdleCloseHandler.INSTANCE);
  }

  private void addHttpCodec(ChannelPipeline p) {
    p.addLast("http", new HttpServerCodec(limits.maxInitialLineBytes(), limits.maxHeaderBytes(), 64 * 1024));
    p.addLast(BodyLimitAggregator.NAME, new BodyLimitAggregator(limits.maxBodyBytes()));
  }

  private void addGateway(ChannelPipeline p) {
    p.addLast(GatewayHandler.NAME, new GatewayHandler(path, snapshots, date));
  }
}
