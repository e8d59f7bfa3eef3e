package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * Last handler of a backend connection: hands responses and failures to the call that currently
 * owns the connection, and closes the connection when something arrives while none does (an idle
 * timeout, or a backend talking out of turn, such as a 408 on an idle connection).
 *
 * <p>One instance per connection; state is touched on the connection's event loop only.
 */
final class BackendResponseHandler extends ChannelInboundHandlerAdapter {
  static final String NAME = "backend-response";

  private @Nullable ExchangeListener listener;
  private int completedExchanges;
  private @Nullable ChannelHandlerContext codec;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    codec = ctx.pipeline().context(BackendChannelInitializer.HTTP_CODEC);
  }

  /**
   * Where a request's bytes are written ({@link OutboundRequest#encode}): the HTTP codec's context,
   * so they pass the handlers before it (TLS, the idle timer) and not its encoder.
   */
  ChannelHandlerContext codec() {
    return requireNonNull(codec, "codec");
  }

  void bind(ExchangeListener listener) {
    this.listener = listener;
  }

  void unbind() {
    listener = null;
  }

  /** Counts a complete response; a connection with one or more is a reused keep-alive one. */
  void exchangeCompleted() {
    completedExchanges++;
  }

  int completedExchanges() {
    return completedExchanges;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    // The aggregator only emits FullHttpResponse; this handler owns msg and releases it here, so
    // a listener must copy what it keeps.
    try {
      ExchangeListener current = listener;
      if (current != null && msg instanceof FullHttpResponse) {
        current.onResponse((FullHttpResponse) msg);
      } else {
        ctx.close();
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ExchangeListener current = listener;
    if (current != null) {
      current.onClosed();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Not passed on: the tail would log it as unhandled; the owning call reports it instead.
    ExchangeListener current = listener;
    if (current != null) {
      current.onError(cause);
    } else {
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      // Only a pooled, unused connection is closed for idleness; a slow call is bounded by its
      // own timeout instead.
      if (listener == null) {
        ctx.close();
      }
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
