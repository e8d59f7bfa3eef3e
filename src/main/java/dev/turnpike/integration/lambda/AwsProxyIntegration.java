package dev.turnpike.integration.lambda;

import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.LambdaFact;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.Integration;
import dev.turnpike.pipeline.StageVariables;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.LambdaIndex;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code AWS_PROXY} to a Lambda function on a REST API (spec 6.4, 6.5, 6.9, 9.6): the integration
 * URI names the function; API Gateway must be allowed to invoke it; the payload 1.0 event goes to
 * the function, which runs off the event loop; its result must be a valid proxy response. Every
 * failure answers as AWS does, with the execution-log line AWS writes and a {@link LambdaFact} for
 * {@code explain}: permission missing or function unknown 500, Lambda throttled 500, function error
 * 502, malformed response 502, past the integration timeout 504.
 */
public final class AwsProxyIntegration implements Integration {
  private final LambdaInvoker invoker;
  private final Ticker ticker;

  public AwsProxyIntegration(LambdaInvoker invoker, Ticker ticker) {
    this.invoker = invoker;
    this.ticker = ticker;
  }

  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledIntegration in, EventLoop loop) {
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
      return done(LambdaReplies.configuration(ex, Cause.CONFIGURATION_ERROR, null));
    }
    LambdaIndex.Function function =
        target.qualifier() == null || target.qualifier().equals("$LATEST")
            ? ex.snapshot.functions().function(target.accountId(), target.name())
            : null; // versions and aliases are not served yet: unknown to the integration
    if (function == null) {
      LambdaLog.error(ex, "Lambda invocation failed with status: 404");
      LambdaLog.error(
          ex,
          "Execution failed due to configuration error: Function not found: "
              + target.functionArn());
      return done(
          LambdaReplies.configuration(
              ex,
              Cause.LAMBDA_NOT_FOUND,
              fact(target, null, "no function " + target.functionArn())));
    }
    String denied = LambdaPermission.check(ex, in, function, target.functionArn());
    if (denied != null) {
      LambdaLog.error(
          ex,
          "Execution failed due to configuration error: Invalid permissions on Lambda function");
      return done(
          LambdaReplies.configuration(ex, Cause.LAMBDA_PERMISSION, fact(target, null, denied)));
    }
    byte[] event = ProxyEvent.build(ex, in);
    LambdaLog.request(ex, target, event);
    CompletableFuture<GatewayReply> reply = new CompletableFuture<>();
    long start = ticker.read();
    var timeout =
        loop.schedule(
            () -> {
              if (!reply.isDone()) {
                ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
                LambdaLog.error(ex, "Execution failed due to a timeout error");
                reply.complete(
                    LambdaReplies.timeout(
                        ex, fact(target, null, "no answer within " + in.timeoutMillis() + " ms")));
              }
            },
            in.timeoutMillis(),
            TimeUnit.MILLISECONDS);
    invoker
        .invoke(function.config(), event)
        .whenCompleteAsync(
            (result, error) -> {
              timeout.cancel(false);
              if (reply.isDone()) {
                return; // answered 504 already; the function ran on, as on AWS
              }
              ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
              reply.complete(
                  error != null
                      ? LambdaReplies.configuration(
                          ex,
                          Cause.INTEGRATION_FAILURE,
                          fact(target, null, "the invoke failed: " + error))
                      : respond(ex, target, result));
            },
            loop);
    return reply;
  }

  private static GatewayReply respond(Exchange ex, LambdaTarget target, InvokeResult r) {
    LambdaLog.response(ex, r);
    switch (r.outcome()) {
      case THROTTLED:
        LambdaLog.error(
            ex, "Lambda invocation failed with status: 429. Lambda request id: " + r.requestId());
        LambdaLog.error(ex, "Execution failed due to configuration error: Rate Exceeded.");
        return LambdaReplies.configuration(
            ex, Cause.LAMBDA_THROTTLED, fact(target, r, "Rate Exceeded. (concurrency limit)"));
      case FUNCTION_ERROR:
      case TIMEOUT:
      case EXIT_ERROR:
        String message = LambdaReplies.errorMessage(r);
        LambdaLog.error(
            ex,
            "Lambda execution failed with status 200 due to customer function error: "
                + message
                + ". Lambda request id: "
                + r.requestId());
        return LambdaReplies.functionError(ex, fact(target, r, message));
      case SUCCESS:
      default:
        break;
    }
    ProxyResponse.Result result = ProxyResponse.validate(r.payload());
    if (result instanceof ProxyResponse.Malformed malformed) {
      LambdaLog.error(
          ex, "Execution failed due to configuration error: Malformed Lambda proxy response");
      return LambdaReplies.malformed(ex, fact(target, r, malformed.reason()));
    }
    ProxyResponse.Valid valid = (ProxyResponse.Valid) result;
    ex.causeDetail = fact(target, r, null);
    return LambdaReplies.success(valid);
  }

  private static LambdaFact fact(
      LambdaTarget target, @Nullable InvokeResult r, @Nullable String problem) {
    return LambdaReplies.fact(target.functionArn(), r, problem);
  }

  private static CompletableFuture<GatewayReply> done(GatewayReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
