package dev.turnpike.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A cap on the connections one or more listeners hold (issue 22), on the server channel: an
 * accepted connection over the cap is closed before it is registered with a worker loop, so
 * refusing costs the acceptor one close and nothing else, and the descriptors the cap leaves free
 * stay free (the admin listener has a cap of its own). Connections are counted when accepted and
 * uncounted when closed, whoever closes them.
 *
 * <p>Shared by the listeners it caps (the HTTP and HTTPS data listeners share one); one atomic
 * counter, touched once when a connection opens and once when it closes, never per request.
 */
@Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {
  private static final long LOG_INTERVAL_NANOS = 60_000_000_000L;

  private final String listener;
  private final int max;
  private final Consumer<String> log;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final ChannelFutureListener onClose = f -> open.decrementAndGet();

  ConnectionLimit(String listener, int max, Consumer<String> log) {
    if (max <= 0) {
      throw new IllegalArgumentException("max: " + max + " (expected: > 0)");
    }
    this.listener = listener;
    this.max = max;
    this.log = log;
  }

  /** Connections held now. */
  int open() {
    return open.get();
  }

  /** Connections refused since start. */
  long refused() {
    return refused.get();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel child = (Channel) msg;
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      child.unsafe().closeForcibly();
      long n = refused.incrementAndGet();
      logRarely(n);
      return;
    }
    child.closeFuture().addListener(onClose);
    ctx.fireChannelRead(child);
  }

  /** One line a minute at most while refusing: a flood must not become a flood of log lines. */
  private void logRarely(long refusedSoFar) {
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
      log.accept(
          "turnpike: WARN the "
              + listener
              + " holds its maximum of "
              + max
              + " connections; refusing new ones ("
              + refusedSoFar
              + " refused so far; see --max-connections)");
    }
  }
}
