package dev.turnpike.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Time limits per phase of reading a request (issue 22), first in a data connection's pipeline so
 * that it sees every byte, TLS records included. A request's head must be complete within the head
 * timeout of its first byte (for a new connection, of its opening, so a TLS handshake counts too),
 * and its body within the body timeout of the head; each is a deadline fixed when the phase starts,
 * so a client trickling a byte at a time extends neither (slowloris). Between requests nothing here
 * runs: the idle timeout ({@code http.IdleTimeout}) closes a quiet keep-alive connection, and the
 * first byte of a next request starts a new head deadline.
 *
 * <p>The HTTP/1.1 decoder ({@link GatewayRequestDecoder}) reports where a request's head and end
 * are. On an HTTP/2 connection nothing reports, so ALPN's choice of h2 calls {@link #stop}: HTTP/2
 * keeps the idle timeout only.
 *
 * <p>One check task per connection at most, rescheduled only when it fires early or a nearer
 * deadline starts, so a keep-alive connection serving GETs schedules about once per head timeout,
 * not per request. On the connection's event loop only.
 */
final class RequestDeadlines extends ChannelInboundHandlerAdapter {
  static final String NAME = "request-deadlines";

  private static final int NONE = 0;
  private static final int HEAD = 1;
  private static final int BODY = 2;

  private final long headNanos;
  private final long bodyNanos;
  private @Nullable ChannelHandlerContext ctx;
  private @Nullable Ticker ticker;
  private int phase = NONE;
  private long deadline;
  private @Nullable ScheduledFuture<?> check;
  private long checkAt;
  private boolean stopped;

  RequestDeadlines(Duration head, Duration body) {
    this.headNanos = head.toNanos();
    this.bodyNanos = body.toNanos();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.ticker = ctx.executor().ticker();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    headStarted(); // the first request's head is due from the connection's start
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (phase == NONE) {
      headStarted();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    stop();
    super.channelInactive(ctx);
  }

  /** Bytes of a request head arrived while no request was being read. */
  void headStarted() {
    if (phase == NONE && !stopped) {
      start(HEAD, headNanos);
    }
  }

  /** The head is complete; the body, if any, is due within the body timeout. */
  void headReceived() {
    if (!stopped) {
      start(BODY, bodyNanos);
    }
  }

  /** The request is complete: no deadline until the next one's first byte. */
  void requestReceived() {
    phase = NONE;
  }

  /** No more deadlines on this connection (HTTP/2, or closed). */
  void stop() {
    stopped = true;
    phase = NONE;
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  private void start(int newPhase, long timeoutNanos) {
    phase = newPhase;
    deadline = now() + timeoutNanos;
    if (check == null || checkAt - deadline > 0) {
      if (check != null) {
        check.cancel(false);
      }
      schedule(deadline);
    }
  }

  private void schedule(long at) {
    ChannelHandlerContext c = ctx;
    if (c == null) {
      return;
    }
    checkAt = at;
    check = c.executor().schedule(this::check, Math.max(0, at - now()), TimeUnit.NANOSECONDS);
  }

  private void check() {
    check = null;
    ChannelHandlerContext c = ctx;
    if (stopped || phase == NONE || c == null) {
      return;
    }
    if (deadline - now() > 0) {
      schedule(deadline);
      return;
    }
    // A head or body that did not arrive in time: nothing useful can be answered to a client this
    // slow, and answering would cost a write it may never read. The connection ends.
    stop();
    c.close();
  }

  private long now() {
    return ticker == null ? System.nanoTime() : ticker.nanoTime();
  }
}
