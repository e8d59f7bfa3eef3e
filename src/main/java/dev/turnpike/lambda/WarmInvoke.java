package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import dev.turnpike.lambda.InvokeResult.Outcome;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One invoke on a warm instance, with no thread waiting for it: the caller hands the event to the
 * Runtime API's loop (one hop), and the runtime's {@code /response} or {@code /error} completes the
 * caller's future on that loop. The instance goes back to the pool at once; its log lines (START,
 * the drained output, END, REPORT with {@code /proc}'s memory figure) are written afterwards on an
 * invoker thread, never on the loop, and the instance's next event waits for them ({@link
 * FunctionInstance#settled()}). A timeout (a timer on the loop) or an exit of the process ends the
 * invoke as {@link InvokeRun} ends it, on an invoker thread: same texts, same outcomes, the
 * instance killed.
 *
 * <p>With {@code tail}, the future completes only once the lines are written, with the last 4 KB of
 * them ({@code --log-type Tail}), off any event loop.
 */
final class WarmInvoke implements Invocation.Watcher {
  private final FunctionConfig f;
  private final InstancePool pool;
  private final FunctionLog log;
  private final FunctionInstance instance;
  private final Executor executor;
  private final boolean tail;
  private final Invocation invocation;
  private final CompletableFuture<InvokeResult> result = new CompletableFuture<>();

  // Touched only on the Runtime API's loop:
  private long queuedNanos;
  private @Nullable ScheduledFuture<?> timer;
  private boolean over;

  WarmInvoke(
      FunctionConfig f,
      InstancePool pool,
      FunctionLog log,
      FunctionInstance instance,
      Executor executor,
      boolean tail,
      String requestId,
      byte[] payload,
      InvokeOptions options) {
    this.f = requireNonNull(f, "f");
    this.pool = requireNonNull(pool, "pool");
    this.log = requireNonNull(log, "log");
    this.instance = requireNonNull(instance, "instance");
    this.executor = requireNonNull(executor, "executor");
    this.tail = tail;
    this.invocation =
        new Invocation(
            requestId,
            payload,
            f.arn(),
            InvokeRun.traceId(),
            f.timeoutSeconds() * 1000L,
            options.clientContext(),
            options.cognitoIdentity(),
            this);
  }

  /**
   * Hands the event over (once the instance's previous lines are written) and returns the result.
   */
  CompletableFuture<InvokeResult> start() {
    CompletableFuture<Void> ready = instance.settled();
    if (ready.isDone()) {
      instance.endpoint().offer(invocation);
    } else {
      ready.thenRun(() -> instance.endpoint().offer(invocation));
    }
    return result;
  }

  @Override
  public void queued() {
    queuedNanos = System.nanoTime();
    timer = instance.endpoint().schedule(this::timerFired, invocation.timeoutMillis);
  }

  /**
   * The function's time is counted from the event's delivery, so an event fetched late gets the
   * rest of its time.
   */
  private void timerFired() {
    if (over) {
      return;
    }
    Long delivered = invocation.delivered.getNow(null);
    if (delivered != null) {
      long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - delivered);
      long left = invocation.timeoutMillis - elapsed;
      if (left > 0) {
        timer = instance.endpoint().schedule(this::timerFired, left);
        return;
      }
    }
    over = true;
    // As InvokeRun: a delivered event times out at the function's timeout; an undelivered one
    // reports how long it waited.
    double ms =
        delivered != null
            ? (double) invocation.timeoutMillis
            : (System.nanoTime() - queuedNanos) / 1e6;
    lost(true, ms);
  }

  @Override
  public void exited() {
    if (over) {
      return;
    }
    over = true;
    cancelTimer();
    Long delivered = invocation.delivered.getNow(null);
    long since = delivered != null ? delivered : queuedNanos;
    lost(false, since == 0 ? 0 : (System.nanoTime() - since) / 1e6);
  }

  @Override
  public void replied(RuntimeReply reply) {
    if (over) {
      return; // answered after its timeout: the instance is being killed
    }
    over = true;
    cancelTimer();
    double ms = (System.nanoTime() - invocation.delivered.join()) / 1e6;
    Outcome outcome = reply.error() ? Outcome.FUNCTION_ERROR : Outcome.SUCCESS;
    CompletableFuture<Void> settled = instance.unsettle();
    boolean kept = pool.giveBack(instance); // free before the caller answers: no false throttle
    if (!tail) {
      result.complete(result(outcome, reply.body(), ms, ""));
    }
    try {
      executor.execute(() -> settle(outcome, reply.body(), ms, kept, settled));
    } catch (RejectedExecutionException e) {
      // Turnpike is stopping: the lines are lost with the logs.
      settled.complete(null);
      result.complete(result(outcome, reply.body(), ms, ""));
    }
  }

  /** On an invoker thread: the invocation's lines, then the instance is free for its next event. */
  private void settle(
      Outcome outcome, byte[] body, double ms, boolean kept, CompletableFuture<Void> settled) {
    String requestId = invocation.requestId;
    try {
      String start = FunctionLog.start(requestId, f.version());
      log.append(start);
      if (tail) {
        instance.beginCapture(start);
      }
      instance.drainOutput();
      String end =
          FunctionLog.end(requestId)
              + FunctionLog.report(requestId, ms, f.memoryMb(), instance.maxMemoryUsedMb(), null);
      log.append(end);
      if (tail) {
        result.complete(result(outcome, body, ms, InvokeRun.lastBytes(instance.endCapture(end))));
      }
    } catch (RuntimeException e) {
      result.completeExceptionally(e); // the log could not be written (as InvokeRun fails then)
    } finally {
      settled.complete(null);
      if (!kept) {
        instance.kill(); // its pool was retired meanwhile
      }
    }
  }

  /** A timeout or an exit: ended on an invoker thread as InvokeRun ends it, instance killed. */
  private void lost(boolean timedOut, double ms) {
    Runnable end =
        () -> {
          try {
            result.complete(
                new InvokeRun(f, pool, log, (c, l) -> instance)
                    .lost(instance, invocation.requestId, timedOut, ms));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
          }
        };
    try {
      executor.execute(end);
    } catch (RejectedExecutionException e) {
      pool.discard(null); // stopping: the slot back, the instance dies with the invoker
      result.completeExceptionally(e);
    }
  }

  private void cancelTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
      timer = null;
    }
  }

  private InvokeResult result(Outcome outcome, byte[] body, double ms, String logTail) {
    return new InvokeResult(
        invocation.requestId,
        outcome,
        body,
        outcome == Outcome.SUCCESS ? null : InvokeResult.UNHANDLED,
        logTail,
        ms,
        null);
  }
}
