package dev.turnpike.integration.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;

/**
 * The keep-alive connections of one event loop to one backend. The bootstrap's group is that single
 * loop, and every method runs on it (callers are {@link BackendCall}s on that loop; {@link
 * #closeAsync} hands itself over), so the state needs no synchronization and there is no
 * cross-thread handoff.
 *
 * <p>Implementation notes: an idle connection is taken most recently used first (so the others stay
 * idle long enough for their idle timeout to close them) and only when it is still open; a
 * connection given back is kept only when it is reusable and open. At most {@code maxConnections}
 * pooled connections are open or connecting; further acquires wait, first come first served, for a
 * released or a closed connection. Every pooled connection's close (by us, the backend or the idle
 * timeout) frees its slot, so the count cannot drift. This replaced Netty's {@code
 * FixedChannelPool}, whose promise, health-check future and task hand-off per acquire and release
 * showed in the S1 profile; the taking of an idle connection is now a deque poll and one completed
 * future.
 *
 * <p>Besides pooled connections it makes unpooled fresh ones for the single retry after a stale
 * keep-alive connection failed; those are closed after their one exchange.
 */
final class BackendPool {
  private final EventLoop loop;
  private final Bootstrap pooled;
  private final Bootstrap fresh;
  private final int maxConnections;
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final ArrayDeque<Promise<Channel>> waiting = new ArrayDeque<>();

  /** Pooled connections open or connecting. */
  private int open;

  private boolean closed;

  BackendPool(
      EventLoop loop,
      Bootstrap bootstrap,
      BackendChannelInitializer initializer,
      int maxConnections) {
    this.loop = loop;
    this.maxConnections = maxConnections;
    ChannelInitializer<Channel> init =
        new ChannelInitializer<>() {
          @Override
          protected void initChannel(Channel ch) {
            initializer.channelCreated(ch);
          }
        };
    this.pooled = bootstrap.clone().handler(init);
    this.fresh = bootstrap.clone().handler(init);
  }

  /** A healthy pooled connection, new or kept alive; completes on the pool's loop. */
  Future<Channel> acquire() {
    if (closed) {
      return loop.newFailedFuture(new IllegalStateException("pool closed"));
    }
    Channel ch;
    while ((ch = idle.pollLast()) != null) {
      if (ch.isActive()) {
        return loop.newSucceededFuture(ch);
      }
      // Closing already: its close listener frees the slot.
    }
    Promise<Channel> promise = loop.newPromise();
    if (open < maxConnections) {
      connect(promise);
    } else {
      waiting.add(promise);
    }
    return promise;
  }

  /** A new connection outside the pool. */
  ChannelFuture connectFresh() {
    return fresh.connect();
  }

  /**
   * Gives back a connection taken by {@link #acquire()} ({@code pooled}) or {@link
   * #connectFresh()}. It is kept for reuse only when pooled, {@code reusable} and still open;
   * otherwise it is closed.
   */
  void release(Channel ch, boolean pooled, boolean reusable) {
    if (!pooled || !reusable || closed || !ch.isActive()) {
      ch.close(); // a pooled one frees its slot in onClosed
      return;
    }
    Promise<Channel> next;
    while ((next = waiting.poll()) != null) {
      if (next.trySuccess(ch)) {
        return;
      }
    }
    idle.addLast(ch);
  }

  /**
   * Closes the idle connections and fails waiting acquires; connections in use close when released.
   */
  Future<Void> closeAsync() {
    Promise<Void> done = loop.newPromise();
    loop.execute(
        () -> {
          closed = true;
          Channel ch;
          while ((ch = idle.poll()) != null) {
            ch.close();
          }
          Promise<Channel> next;
          while ((next = waiting.poll()) != null) {
            next.tryFailure(new IllegalStateException("pool closed"));
          }
          done.setSuccess(null);
        });
    return done;
  }

  private void connect(Promise<Channel> promise) {
    open++;
    ChannelFuture connecting = pooled.connect();
    connecting.addListener(
        f -> {
          Channel ch = connecting.channel();
          if (!f.isSuccess()) {
            open--; // a connection that never opened holds no slot
            promise.tryFailure(f.cause());
            connectForWaiter();
            return;
          }
          // From here on its close, whoever causes it, frees the slot (exactly once).
          ch.closeFuture().addListener(closed -> onClosed(ch));
          if (!promise.trySuccess(ch)) {
            release(ch, true, true);
          }
        });
  }

  private void onClosed(Channel ch) {
    open--;
    idle.remove(ch);
    connectForWaiter();
  }

  private void connectForWaiter() {
    if (closed || open >= maxConnections) {
      return;
    }
    Promise<Channel> next = waiting.poll();
    if (next != null) {
      connect(next);
    }
  }
}
