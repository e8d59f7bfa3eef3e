package dev.turnpike.integration.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.util.concurrent.Future;

/**
 * The keep-alive connections of one event loop to one backend. The bootstrap's group is that single
 * loop, so the pool, its connections and every callback run on it: no cross-thread handoff.
 *
 * <p>Besides pooled connections it makes unpooled fresh ones for the single retry after a stale
 * keep-alive connection failed; those are closed after their one exchange.
 */
final class BackendPool {
  private final FixedChannelPool pool;
  private final Bootstrap fresh;

  BackendPool(Bootstrap bootstrap, BackendChannelInitializer initializer, int maxConnections) {
    this.pool =
        new FixedChannelPool(
            bootstrap,
            initializer,
            ChannelHealthChecker.ACTIVE,
            null, // no acquire timeout: each call's own timeout bounds the wait
            -1,
            maxConnections,
            Integer.MAX_VALUE,
            true, // health-check on release, so a closed connection never re-enters the pool
            true); // most recently used first keeps the others idle long enough to be closed
    this.fresh =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    initializer.channelCreated(ch);
                  }
                });
  }

  /** A healthy pooled connection, new or kept alive; completes on the pool's loop. */
  Future<Channel> acquire() {
    return pool.acquire();
  }

  /** A new connection outside the pool. */
  ChannelFuture connectFresh() {
    return fresh.connect();
  }

  /**
   * Gives back a connection taken by {@link #acquire()} ({@code pooled}) or {@link
   * #connectFresh()}. It is kept for reuse only when pooled and {@code reusable}; otherwise it is
   * closed.
   */
  void release(Channel ch, boolean pooled, boolean reusable) {
    if (!pooled) {
      ch.close();
      return;
    }
    if (!reusable) {
      // Closed first, so the release health check drops it and frees its slot.
      ch.close();
    }
    pool.release(ch);
  }

  Future<Void> closeAsync() {
    return pool.closeAsync();
  }
}
