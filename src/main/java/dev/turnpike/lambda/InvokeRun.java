package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import dev.turnpike.lambda.InvokeResult.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * One cold invoke, on an invoker thread: start an instance, hand the event to the runtime, wait for
 * its answer within the function's timeout, write START/END/REPORT, and give the instance back (or
 * kill it after a timeout or an exit). Warm instances are invoked without a waiting thread ({@link
 * WarmInvoke}), which ends a timeout or an exit here ({@link #lost}). AWS's texts for the failures:
 * {@code Sandbox.Timedout} "Task timed out after 1.00 seconds", {@code Runtime.ExitError}.
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html
 */
final class InvokeRun {
  /** How long a runtime may take to reach its first {@code next} (AWS: 10 s on demand). */
  static final long INIT_TIMEOUT_MILLIS = 10_000;

  private static final int TAIL_BYTES = 4096;

  private final FunctionConfig f;
  private final InstancePool pool;
  private final FunctionLog log;
  private final BiFunction<FunctionConfig, FunctionLog, FunctionInstance> starter;
  private @Nullable FunctionInstance current; // the instance holding this invoke's pool slot
  private boolean settled; // the slot was given back

  InvokeRun(
      FunctionConfig f,
      InstancePool pool,
      FunctionLog log,
      BiFunction<FunctionConfig, FunctionLog, FunctionInstance> starter) {
    this.f = requireNonNull(f, "f");
    this.pool = requireNonNull(pool, "pool");
    this.log = requireNonNull(log, "log");
    this.starter = requireNonNull(starter, "starter");
  }

  /** AWS's 429 body for a function at its concurrency limit. */
  static InvokeResult throttled(String requestId) {
    String body =
        "{\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\",\"Type\":\"User\","
            + "\"message\":\"Rate Exceeded.\"}";
    return new InvokeResult(requestId, Outcome.THROTTLED, utf8(body), null, "", 0, null);
  }

  /** Runs the invoke; the instance's pool slot is given back on every path, a throw included. */
  InvokeResult run(String requestId, byte[] payload, InvokeOptions options) {
    try {
      return runOnce(requestId, payload, options);
    } catch (RuntimeException | Error e) {
      if (!settled) {
        pool.discard(current);
      }
      throw e;
    }
  }

  /**
   * Ends a warm invoke that timed out ({@code timedOut}) or whose process exited, holding the
   * instance's pool slot: START, then what a cold invoke writes for the same failure; the instance
   * is killed.
   */
  InvokeResult lost(FunctionInstance instance, String requestId, boolean timedOut, double ms) {
    current = instance;
    try {
      String start = FunctionLog.start(requestId, f.version());
      log.append(start);
      instance.beginCapture(start);
      return timedOut
          ? timeout(instance, requestId, ms, null)
          : exit(instance, requestId, ms, null);
    } catch (RuntimeException | Error e) {
      if (!settled) {
        pool.discard(instance);
      }
      throw e;
    }
  }

  private InvokeResult runOnce(String requestId, byte[] payload, InvokeOptions options) {
    FunctionInstance instance;
    try {
      instance = starter.apply(f, log);
      current = instance;
    } catch (RuntimeException e) {
      settled = true;
      pool.discard(null);
      String start = FunctionLog.start(requestId, f.version());
      log.append(start);
      return finish(
          null,
          requestId,
          start,
          Outcome.EXIT_ERROR,
          exitError(requestId, e.getMessage()),
          0,
          null,
          "");
    }
    boolean cold = !instance.warm();
    String start = FunctionLog.start(requestId, f.version());
    log.append(start);
    instance.beginCapture(start);
    long timeoutMillis = f.timeoutSeconds() * 1000L;
    Invocation inv =
        new Invocation(
            requestId,
            payload,
            f.arn(),
            traceId(),
            timeoutMillis,
            options.clientContext(),
            options.cognitoIdentity());
    instance.endpoint().offer(inv);

    long offered = System.nanoTime();
    CompletableFuture<Process> exited = instance.exited();
    RuntimeEndpoint endpoint = instance.endpoint();
    await(cold ? INIT_TIMEOUT_MILLIS : timeoutMillis, inv.delivered, exited, endpoint.initError);
    Double initMs = cold ? millisSince(instance.startNanos(), endpoint.initDone) : null;
    RuntimeReply initError = endpoint.initError.getNow(null);
    if (!inv.delivered.isDone()) {
      double ms = (System.nanoTime() - offered) / 1e6;
      if (initError != null) {
        return finish(
            instance, requestId, "", Outcome.FUNCTION_ERROR, initError.body(), ms, initMs, "");
      }
      if (exited.isDone()) {
        return exit(instance, requestId, ms, initMs);
      }
      return timeout(instance, requestId, ms, initMs);
    }
    long delivered = inv.delivered.join();
    long left = timeoutMillis - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - delivered);
    await(Math.max(0, left), inv.reply, exited);
    double ms = (System.nanoTime() - delivered) / 1e6;
    RuntimeReply reply = inv.reply.getNow(null);
    if (reply != null) {
      instance.markWarm();
      return finish(
          instance,
          requestId,
          "",
          reply.error() ? Outcome.FUNCTION_ERROR : Outcome.SUCCESS,
          reply.body(),
          ms,
          initMs,
          "");
    }
    if (exited.isDone()) {
      return exit(instance, requestId, ms, initMs);
    }
    return timeout(instance, requestId, (double) timeoutMillis, initMs);
  }

  private InvokeResult timeout(
      FunctionInstance instance, String requestId, double ms, @Nullable Double initMs) {
    String message =
        String.format(
            Locale.ROOT, "Task timed out after %.2f seconds", (double) f.timeoutSeconds());
    String body =
        "{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"RequestId: "
            + requestId
            + " Error: "
            + message
            + "\"}";
    String line = java.time.Instant.now().toString() + " " + requestId + " " + message + "\n";
    return finish(instance, requestId, line, Outcome.TIMEOUT, utf8(body), ms, initMs, line);
  }

  private InvokeResult exit(
      FunctionInstance instance, String requestId, double ms, @Nullable Double initMs) {
    int status = instance.exited().join().exitValue();
    String reason =
        status == 0
            ? "Runtime exited without providing a reason"
            : "Runtime exited with error: exit status " + status;
    String line = "RequestId: " + requestId + " Error: " + reason + "\nRuntime.ExitError\n";
    return finish(
        instance,
        requestId,
        line,
        Outcome.EXIT_ERROR,
        exitError(requestId, reason),
        ms,
        initMs,
        line);
  }

  /** Writes END and REPORT, returns or kills the instance, and builds the result. */
  private InvokeResult finish(
      @Nullable FunctionInstance instance,
      String requestId,
      String extraLines,
      Outcome outcome,
      byte[] body,
      double ms,
      @Nullable Double initMs,
      String logged) {
    if (instance != null) {
      instance.drainOutput();
    }
    if (!logged.isEmpty()) {
      log.append(logged);
    }
    long memory = instance == null ? 0 : instance.maxMemoryUsedMb();
    String tail =
        FunctionLog.end(requestId)
            + FunctionLog.report(requestId, ms, f.memoryMb(), memory, initMs);
    log.append(tail);
    String captured = instance == null ? extraLines + tail : instance.endCapture(extraLines + tail);
    settled = true;
    if (instance != null) {
      if (outcome == Outcome.SUCCESS || (outcome == Outcome.FUNCTION_ERROR && instance.warm())) {
        pool.release(instance);
      } else {
        // A timeout, an exit, or an init error: the next invoke cold-starts a fresh process.
        pool.discard(instance);
      }
    }
    String functionError = outcome == Outcome.SUCCESS ? null : InvokeResult.UNHANDLED;
    return new InvokeResult(
        requestId, outcome, body, functionError, lastBytes(captured), ms, initMs);
  }

  private static byte[] exitError(String requestId, @Nullable String reason) {
    return utf8(
        "{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":\"RequestId: "
            + requestId
            + " Error: "
            + (reason == null ? "" : reason.replace("\"", "'"))
            + "\"}");
  }

  private static @Nullable Double millisSince(long startNanos, CompletableFuture<Long> at) {
    Long end = at.getNow(null);
    return end == null ? null : (end - startNanos) / 1e6;
  }

  private static void await(long millis, CompletableFuture<?>... any) {
    try {
      CompletableFuture.anyOf(any).get(millis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      // The caller looks at which future completed.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** {@code Root=1-{epoch hex}-{96 bits};Parent={64 bits};Sampled=0}, X-Ray's format. */
  static String traceId() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    HexFormat hex = HexFormat.of();
    byte[] root = new byte[12];
    byte[] parent = new byte[8];
    r.nextBytes(root);
    r.nextBytes(parent);
    return "Root=1-"
        + Long.toHexString(System.currentTimeMillis() / 1000)
        + "-"
        + hex.formatHex(root)
        + ";Parent="
        + hex.formatHex(parent)
        + ";Sampled=0";
  }

  static String lastBytes(String text) {
    byte[] b = utf8(text);
    if (b.length <= TAIL_BYTES) {
      return text;
    }
    return new String(
        Arrays.copyOfRange(b, b.length - TAIL_BYTES, b.length), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
