package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One instance's view of the Runtime API: the invocation waiting to be fetched, the one being
 * handled, and a parked {@code next} long-poll. Every field is touched only on the server's one
 * event loop (callers hop with {@link #offer} and {@link #close}), so there are no locks.
 */
final class RuntimeEndpoint {
  final String token;
  private final EventLoop loop;
  private final Clock clock;

  /** Completes with {@code System.nanoTime()} at the first {@code next}: init is over. */
  final CompletableFuture<Long> initDone = new CompletableFuture<>();

  /** Completes when the runtime posts to {@code /runtime/init/error}. */
  final CompletableFuture<RuntimeReply> initError = new CompletableFuture<>();

  private @Nullable Invocation pending;
  private @Nullable Invocation current;
  private @Nullable ChannelHandlerContext parked;
  private boolean closed;
  private boolean processExited;

  RuntimeEndpoint(String token, EventLoop loop, Clock clock) {
    this.token = requireNonNull(token, "token");
    this.loop = requireNonNull(loop, "loop");
    this.clock = requireNonNull(clock, "clock");
  }

  /** Queues the instance's next event (one at a time: the pool hands an instance one invoke). */
  void offer(Invocation invocation) {
    requireNonNull(invocation, "invocation");
    loop.execute(() -> queue(invocation));
  }

  private void queue(Invocation invocation) {
    Invocation.Watcher watcher = invocation.watcher;
    if (watcher != null && processExited) {
      watcher.exited(); // died while idle, after the pool found it alive
      return;
    }
    ChannelHandlerContext ctx = parked;
    parked = null;
    if (ctx != null && ctx.channel().isActive()) {
      deliver(ctx, invocation);
    } else {
      pending = invocation;
    }
    if (watcher != null) {
      watcher.queued();
    }
  }

  /**
   * The instance's process is gone: tells the watcher of the invocation it held, if any (called
   * once, from the process's exit; hops onto the loop).
   */
  void processExited() {
    loop.execute(
        () -> {
          processExited = true;
          Invocation c = current != null ? current : pending;
          if (c != null && c.watcher != null) {
            c.watcher.exited();
          }
        });
  }

  /** Runs {@code task} on the Runtime API's loop after {@code millis}. */
  ScheduledFuture<?> schedule(Runnable task, long millis) {
    return loop.schedule(task, millis, TimeUnit.MILLISECONDS);
  }

  /** Drops what is queued and ends a parked long-poll (the instance is being stopped). */
  void close() {
    loop.execute(
        () -> {
          closed = true;
          pending = null;
          current = null;
          ChannelHandlerContext ctx = parked;
          parked = null;
          if (ctx != null) {
            ctx.close();
          }
        });
  }

  void next(ChannelHandlerContext ctx) {
    initDone.complete(System.nanoTime());
    if (closed) {
      ctx.close();
      return;
    }
    Invocation p = pending;
    if (p != null) {
      pending = null;
      deliver(ctx, p);
    } else {
      parked = ctx;
    }
  }

  /** The invocation a {@code /response} or {@code /error} post may answer, for the checks. */
  @Nullable Invocation current() {
    return current;
  }

  /** Ends the current invocation with what the runtime posted. */
  void answer(RuntimeReply reply) {
    Invocation c = current;
    current = null;
    if (c != null) {
      c.reply.complete(reply);
      if (c.watcher != null) {
        c.watcher.replied(reply);
      }
    }
  }

  private void deliver(ChannelHandlerContext ctx, Invocation invocation) {
    current = invocation;
    invocation.delivered.complete(System.nanoTime());
    // The deadline starts when the event is handed out, so a cold start's init does not eat it.
    RuntimeApiHandler.sendEvent(ctx, invocation, clock.millis() + invocation.timeoutMillis);
  }
}
