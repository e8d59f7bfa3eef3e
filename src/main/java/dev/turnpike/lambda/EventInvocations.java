package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Asynchronous ({@code Event}) invocations as Lambda runs them: queued, then retried when they
 * fail. A function error, timeout or crash is retried twice by default, after one minute and then
 * two; a throttled event is retried with a backoff from one second to five minutes until it is six
 * hours old. Every attempt keeps the event's request id, as the function's log shows on AWS. An
 * event that runs out of attempts is dropped with a line in Turnpike's log (there are no
 * destinations or dead-letter queues here).
 */
final class EventInvocations implements AutoCloseable {
  private static final Duration THROTTLE_FIRST = Duration.ofSeconds(1);
  private static final Duration THROTTLE_MAX = Duration.ofMinutes(5);

  private final LambdaInvoker invoker;
  private final EventRetries retries;
  private final Consumer<String> log;
  private final ScheduledExecutorService scheduler;

  EventInvocations(LambdaInvoker invoker, EventRetries retries, Consumer<String> log) {
    this.invoker = requireNonNull(invoker, "invoker");
    this.retries = requireNonNull(retries, "retries");
    this.log = requireNonNull(log, "log");
    AtomicInteger count = new AtomicInteger();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "turnpike-lambda-events-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues one event; returns its request id. */
  String submit(FunctionConfig function, byte[] payload, InvokeOptions options) {
    String requestId =
        options.requestId() != null ? options.requestId() : UUID.randomUUID().toString();
    attempt(function, payload, options.withRequestId(requestId), 0, 0, System.nanoTime());
    return requestId;
  }

  private void attempt(
      FunctionConfig f,
      byte[] payload,
      InvokeOptions options,
      int errorRetries,
      int throttles,
      long queuedAt) {
    invoker
        .invoke(f, payload, options)
        .whenComplete(
            (r, error) -> {
              InvokeResult.Outcome outcome =
                  error != null ? InvokeResult.Outcome.EXIT_ERROR : r.outcome();
              if (outcome == InvokeResult.Outcome.SUCCESS) {
                return;
              }
              if (outcome == InvokeResult.Outcome.THROTTLED) {
                Duration wait = backoff(throttles);
                long age = System.nanoTime() - queuedAt + wait.toNanos();
                if (age > retries.maxEventAge().toNanos()) {
                  drop(f, options, "older than " + retries.maxEventAge() + " while throttled");
                  return;
                }
                later(
                    wait,
                    () -> attempt(f, payload, options, errorRetries, throttles + 1, queuedAt));
                return;
              }
              if (errorRetries >= retries.maxRetries()) {
                drop(f, options, "failed " + (errorRetries + 1) + " times");
                return;
              }
              Duration wait = retries.firstRetry().multipliedBy(1L << errorRetries);
              later(
                  wait, () -> attempt(f, payload, options, errorRetries + 1, throttles, queuedAt));
            });
  }

  private static Duration backoff(int throttles) {
    Duration d = THROTTLE_FIRST.multipliedBy(1L << Math.min(throttles, 16));
    return d.compareTo(THROTTLE_MAX) > 0 ? THROTTLE_MAX : d;
  }

  private void later(Duration wait, Runnable task) {
    if (!scheduler.isShutdown()) {
      scheduler.schedule(task, wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void drop(FunctionConfig f, InvokeOptions options, String why) {
    log.accept("lambda: event " + options.requestId() + " for " + f.name() + " dropped: " + why);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
