package dev.turnpike.integration.lambda;

import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.LambdaFact;
import dev.turnpike.lambda.DisabledLambdaInvoker;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.StageVariables;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.LambdaIndex;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One call of a Lambda function by an integration, the part {@code AWS_PROXY} and {@code AWS}
 * share: the function the URI names, API Gateway's permission to invoke it, the invoke off the
 * event loop bounded by the integration timeout, and AWS's answers when any of that fails (500
 * configuration errors, 500 throttles, 504 timeouts) with their execution-log lines. What the
 * function returned, a result or a function error, is left to the integration type.
 */
public final class LambdaCall {
  private final LambdaInvoker invoker;
  private final Ticker ticker;

  public LambdaCall(LambdaInvoker invoker, Ticker ticker) {
    this.invoker = invoker;
    this.ticker = ticker;
  }

  /** How a call ended. */
  public sealed interface Outcome permits Refused, Returned {}

  /** The gateway answered for the function: permission, target, throttle, timeout. */
  public record Refused(GatewayReply reply) implements Outcome {}

  /**
   * The function ran: its result (success or function error) and the fact to stamp on the exchange.
   */
  public record Returned(InvokeResult result, String functionArn, String executedVersion)
      implements Outcome {
    /** The decision-record fact of this call, with {@code problem} (null when none). */
    public LambdaFact fact(@Nullable String problem) {
      return LambdaReplies.fact(functionArn, result, problem, executedVersion);
    }
  }

  /**
   * Calls the function {@code in} names with the payload {@code payload} makes (built only once the
   * call is allowed). The future completes on {@code loop}. With {@code async} (an {@code Event}
   * invocation) it completes as soon as the invoke was handed over, with a result of no payload.
   */
  public CompletableFuture<Outcome> call(
      Exchange ex,
      CompiledIntegration in,
      EventLoop loop,
      Supplier<byte[]> payload,
      boolean async) {
    LambdaTarget target = LambdaTarget.parse(StageVariables.substitute(in.uri(), ex));
    if (target == null || !in.httpMethod().equals("POST")) {
      // AWS: Lambda is always invoked with POST; another method or a URI that names no function is
      // a configuration error (recorded: a GET proxy integration answers 500).
      LambdaLog.error(
          ex,
          "Execution failed due to configuration error: "
              + (target == null
                  ? "Invalid Lambda function ARN in the integration URI: " + in.uri()
                  : "Lambda integrations must use the POST method, not " + in.httpMethod()));
      return refused(LambdaReplies.configuration(ex, Cause.CONFIGURATION_ERROR, null));
    }
    LambdaIndex.Function function =
        ex.snapshot.functions().function(target.accountId(), target.name(), target.qualifier());
    if (function == null) {
      LambdaLog.error(ex, "Lambda invocation failed with status: 404");
      LambdaLog.error(
          ex,
          "Execution failed due to configuration error: Function not found: "
              + target.functionArn());
      return refused(
          LambdaReplies.configuration(
              ex,
              Cause.LAMBDA_NOT_FOUND,
              LambdaReplies.fact(
                  target.functionArn(), null, "no function " + target.functionArn())));
    }
    if (!invoker.runsFunctions()) {
      LambdaLog.error(
          ex, "Execution failed due to configuration error: " + DisabledLambdaInvoker.REASON);
      return refused(
          LambdaReplies.configuration(
              ex,
              Cause.CONFIGURATION_ERROR,
              LambdaReplies.fact(target.functionArn(), null, DisabledLambdaInvoker.REASON)));
    }
    String denied = LambdaPermission.check(ex, in, function, target.permissionArn());
    if (denied != null) {
      LambdaLog.error(
          ex,
          "Execution failed due to configuration error: Invalid permissions on Lambda function");
      return refused(
          LambdaReplies.configuration(
              ex, Cause.LAMBDA_PERMISSION, LambdaReplies.fact(target.functionArn(), null, denied)));
    }
    byte[] body = payload.get();
    LambdaLog.request(ex, target, function.config().region(), body);
    FunctionConfig config = function.pick(ThreadLocalRandom.current().nextDouble());
    if (async) {
      invoker.invokeEvent(config, body); // queued and retried; its outcome is the function's log
      ex.integrationLatencyMillis = 0;
      return CompletableFuture.completedFuture(
          new Returned(InvokeResult.queued(), target.functionArn(), config.version()));
    }
    CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    long start = ticker.read();
    var timeout =
        loop.schedule(
            () -> {
              if (!outcome.isDone()) {
                ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
                LambdaLog.error(ex, "Execution failed due to a timeout error");
                outcome.complete(
                    new Refused(
                        LambdaReplies.timeout(
                            ex,
                            LambdaReplies.fact(
                                target.functionArn(),
                                null,
                                "no answer within " + in.timeoutMillis() + " ms"))));
              }
            },
            in.timeoutMillis(),
            TimeUnit.MILLISECONDS);
    invoker
        .invokeFromEventLoop(config, body) // may complete on the Runtime API's loop: one hop back
        .whenCompleteAsync(
            (result, error) -> {
              timeout.cancel(false);
              if (outcome.isDone()) {
                return; // answered 504 already; the function ran on, as on AWS
              }
              ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
              outcome.complete(
                  error != null
                      ? new Refused(
                          LambdaReplies.configuration(
                              ex,
                              Cause.INTEGRATION_FAILURE,
                              LambdaReplies.fact(
                                  target.functionArn(), null, "the invoke failed: " + error)))
                      : returned(ex, target, config.version(), result));
            },
            loop);
    return outcome;
  }

  private static Outcome returned(
      Exchange ex, LambdaTarget target, String version, InvokeResult r) {
    LambdaLog.response(ex, r, version);
    if (r.outcome() == InvokeResult.Outcome.THROTTLED) {
      LambdaLog.error(
          ex, "Lambda invocation failed with status: 429. Lambda request id: " + r.requestId());
      LambdaLog.error(ex, "Execution failed due to configuration error: Rate Exceeded.");
      return new Refused(
          LambdaReplies.configuration(
              ex,
              Cause.LAMBDA_THROTTLED,
              LambdaReplies.fact(target.functionArn(), r, "Rate Exceeded. (concurrency limit)")));
    }
    if (r.outcome() != InvokeResult.Outcome.SUCCESS) {
      LambdaLog.error(
          ex,
          "Lambda execution failed with status 200 due to customer function error: "
              + LambdaReplies.errorMessage(r)
              + ". Lambda request id: "
              + r.requestId());
    }
    return new Returned(r, target.functionArn(), version);
  }

  /** {@code errorMessage} of a function error's payload, or the payload itself. */
  public static String errorMessage(InvokeResult r) {
    return LambdaReplies.errorMessage(r);
  }

  private static CompletableFuture<Outcome> refused(GatewayReply reply) {
    return CompletableFuture.completedFuture(new Refused(reply));
  }
}
