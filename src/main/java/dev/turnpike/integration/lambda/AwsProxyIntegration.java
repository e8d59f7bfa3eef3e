package dev.turnpike.integration.lambda;

import dev.turnpike.counters.Ticker;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.Integration;
import dev.turnpike.snapshot.CompiledIntegration;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;

/**
 * {@code AWS_PROXY} to a Lambda function on a REST API (spec 6.4, 6.5, 6.9): the payload 1.0 event
 * goes to the function through a {@link LambdaCall}; a function error is 502; the result must be a
 * valid proxy response, else 502 {@code Malformed Lambda proxy response} with the part that was
 * wrong in the decision record.
 */
public final class AwsProxyIntegration implements Integration {
  private final LambdaCall lambda;

  public AwsProxyIntegration(LambdaInvoker invoker, Ticker ticker) {
    this.lambda = new LambdaCall(invoker, ticker);
  }

  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledIntegration in, EventLoop loop) {
    return lambda
        .call(ex, in, loop, () -> ProxyEvent.build(ex, in), false)
        .thenApply(outcome -> reply(ex, outcome));
  }

  private static GatewayReply reply(Exchange ex, LambdaCall.Outcome outcome) {
    if (outcome instanceof LambdaCall.Refused refused) {
      return refused.reply();
    }
    LambdaCall.Returned returned = (LambdaCall.Returned) outcome;
    InvokeResult r = returned.result();
    if (r.outcome() != InvokeResult.Outcome.SUCCESS) {
      return LambdaReplies.functionError(ex, returned.fact(LambdaReplies.errorMessage(r)));
    }
    ProxyResponse.Result result = ProxyResponse.validate(r.payload());
    if (result instanceof ProxyResponse.Malformed malformed) {
      LambdaLog.error(
          ex, "Execution failed due to configuration error: Malformed Lambda proxy response");
      return LambdaReplies.malformed(ex, returned.fact(malformed.reason()));
    }
    ex.causeDetail = returned.fact(null);
    return LambdaReplies.success((ProxyResponse.Valid) result);
  }
}
