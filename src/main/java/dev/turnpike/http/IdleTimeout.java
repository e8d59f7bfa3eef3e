package dev.turnpike.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Fires {@link IdleStateEvent#ALL_IDLE_STATE_EVENT} when a connection has neither read nor written
 * anything for the timeout, as Netty's {@code IdleStateHandler(0, 0, timeout)} does, and again
 * after each further timeout of silence; the handler after it decides what idleness means (close
 * it, or keep a busy backend connection).
 *
 * <p>Why not {@link IdleStateHandler}: for its write-idle bookkeeping it adds a listener to every
 * write's promise and is called back when the write completes, on every response and every backend
 * request. Here a write counts when it is handed on, which for closing idle connections is the same
 * thing, and costs one clock read.
 *
 * <p>One instance per connection; everything runs on the connection's event loop.
 */
public final class IdleTimeout extends ChannelDuplexHandler {
  private final long timeoutNanos;
  private @Nullable Ticker ticker;
  private long lastActivity;
  private @Nullable ScheduledFuture<?> check;
  private boolean destroyed;

  public IdleTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
    }
    this.timeoutNanos = timeout.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive() && ctx.channel().isRegistered()) {
      start(ctx);
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  @Override
  public void channelRegistered(ChannelHandlerContext ctx) throws Exception {
    if (ctx.channel().isActive()) {
      start(ctx);
    }
    super.channelRegistered(ctx);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    start(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    touch();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    touch();
    ctx.write(msg, promise);
  }

  private void touch() {
    if (ticker != null) {
      lastActivity = ticker.nanoTime();
    }
  }

  private void start(ChannelHandlerContext ctx) {
    if (ticker != null || destroyed) {
      return; // started already, or removed
    }
    ticker = ctx.executor().ticker();
    lastActivity = ticker.nanoTime();
    check = ctx.executor().schedule(() -> check(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
  }

  private void check(ChannelHandlerContext ctx) {
    if (destroyed || ticker == null || !ctx.channel().isOpen()) {
      return;
    }
    long wait = timeoutNanos - (ticker.nanoTime() - lastActivity);
    boolean idle = wait <= 0;
    // Idle: look again a whole timeout later (the next event, if it stays silent); else when the
    // timeout would end.
    check =
        ctx.executor().schedule(() -> check(ctx), idle ? timeoutNanos : wait, TimeUnit.NANOSECONDS);
    if (idle) {
      ctx.fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);
    }
  }

  private void stop() {
    destroyed = true;
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }
}
