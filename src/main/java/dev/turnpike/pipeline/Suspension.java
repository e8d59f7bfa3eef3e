package dev.turnpike.pipeline;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An exchange waiting in a stage ({@link Stage#SUSPENDED}): made by {@link Exchange#suspend} only
 * when a stage waits, settled exactly once, by the stage ({@link #proceed()}, {@link #refuse}) or
 * by its timeout, whichever comes first. Settling may be called from any thread; the rest of the
 * path always runs on the exchange's event loop, in a task of its own (never inside the stage's own
 * call, so a stage that settles before returning is not re-entered).
 */
public final class Suspension {
  private final Exchange ex;
  private final RequestPath path;
  private final EventLoop loop;
  private final Function<Exchange, GatewayReply> onTimeout;

  /**
   * What the server waits for: the reply of the whole path, completed once the exchange is done.
   */
  final CompletableFuture<GatewayReply> result = new CompletableFuture<>();

  private final ScheduledFuture<?> timer;

  /** The stage after the one that suspended; set by the path when the stage returns. */
  int resumeAt = -1;

  /** Loop-confined: the first settlement wins, later ones are ignored. */
  private boolean settled;

  Suspension(
      Exchange ex,
      RequestPath path,
      EventLoop loop,
      long timeoutMillis,
      Function<Exchange, GatewayReply> onTimeout) {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("timeoutMillis: " + timeoutMillis + " (expected: > 0)");
    }
    this.ex = ex;
    this.path = path;
    this.loop = loop;
    this.onTimeout = onTimeout;
    this.timer = loop.schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
  }

  /** The stage passed the exchange on: the path continues with the next stage. */
  public void proceed() {
    loop.execute(() -> settle(null));
  }

  /**
   * The stage ends the exchange with {@code reply} (a refusal it rendered with {@link
   * GatewayResponses}).
   */
  public void refuse(GatewayReply reply) {
    loop.execute(() -> settle(reply));
  }

  /**
   * The stage failed unexpectedly: a 500 for this exchange, the cause to the operator (as any bug
   * on the path).
   */
  public void fail(Throwable error) {
    loop.execute(() -> settle(InternalErrors.reply(ex, error)));
  }

  private void timedOut() {
    GatewayReply reply;
    try {
      reply = onTimeout.apply(ex);
    } catch (RuntimeException e) {
      reply = InternalErrors.reply(ex, e);
    }
    settle(reply);
  }

  private void settle(@Nullable GatewayReply reply) {
    if (settled) {
      return;
    }
    settled = true;
    timer.cancel(false);
    if (resumeAt < 0) {
      // Settled before the stage returned SUSPENDED: only possible if the stage threw after
      // suspending, in which
      // case the path has already answered.
      return;
    }
    CompletableFuture<GatewayReply> rest =
        reply != null ? CompletableFuture.completedFuture(reply) : path.runFrom(ex, resumeAt);
    rest.whenComplete(
        (r, e) -> {
          if (r != null) {
            result.complete(r);
          } else {
            result.complete(InternalErrors.reply(ex, e));
          }
        });
  }

  /** Abandons the wait without answering (the path answered already, after the stage threw). */
  void cancel() {
    settled = true;
    timer.cancel(false);
  }
}
