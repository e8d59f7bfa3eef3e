package dev.turnpike.server;

import dev.turnpike.http.IdleTimeout;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.concurrent.Executor;

/**
 * The admin listener's pipeline: HTTP, aggregation (control-plane bodies are small), pages, the
 * control plane.
 */
final class AdminChannelInitializer extends ChannelInitializer<SocketChannel> {
  private static final int MAX_CONTROL_BODY =
      16 * 1024 * 1024; // ImportRestApi/ImportApiKeys bodies

  private final ControlPlaneEndpoint endpoint;
  private final Executor executor;
  private final HttpDate date;
  private final ListenerLimits limits;
  private final AdminPages pages;

  AdminChannelInitializer(
      ControlPlaneEndpoint endpoint, Executor executor, HttpDate date, ListenerLimits limits) {
    this(endpoint, executor, date, limits, AdminPages.NONE);
  }

  AdminChannelInitializer(
      ControlPlaneEndpoint endpoint,
      Executor executor,
      HttpDate date,
      ListenerLimits limits,
      AdminPages pages) {
    this.pages = pages;
    this.endpoint = endpoint;
    this.executor = executor;
    this.date = date;
    this.limits = limits;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ChannelPipeline p = ch.pipeline();
    // The data plane's head and body deadlines here too: a slow client must not hold one of the
    // admin listener's few connections (ListenerLimits.ADMIN_MAX_CONNECTIONS) for long (issue 22).
    p.addLast(
        RequestDeadlines.NAME, new RequestDeadlines(limits.headTimeout(), limits.bodyTimeout()));
    p.addLast("idle", new IdleTimeout(limits.idleTimeout()));
    p.addLast(IdleCloseHandler.NAME, IdleCloseHandler.INSTANCE);
    p.addLast(
        "http",
        new HttpServerCodec(
            limits.maxInitialLineBytes() * 4, limits.maxHeaderBytes() * 4, 64 * 1024));
    p.addLast(RequestPhases.NAME, new RequestPhases());
    p.addLast(BodyLimitAggregator.NAME, new BodyLimitAggregator(MAX_CONTROL_BODY));
    p.addLast(AdminPagesHandler.NAME, new AdminPagesHandler(pages, executor, date));
    p.addLast(ControlPlaneHandler.NAME, new ControlPlaneHandler(endpoint, executor, date));
  }
}
