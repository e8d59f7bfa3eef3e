package dev.turnpike.integration.lambda;

import dev.turnpike.counters.Ticker;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.media.Base64Text;
import dev.turnpike.media.BinaryMediaTypes;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.Integration;
import dev.turnpike.snapshot.CompiledIntegration;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpHeaderNames;
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
    ProxyResponse.Valid valid = (ProxyResponse.Valid) result;
    if (valid.base64() && binaryResponse(ex, valid)) {
      byte[] decoded;
      try {
        decoded = Base64Text.decode(valid.body());
      } catch (IllegalArgumentException e) {
        // [UNCONF] AWS's answer to isBase64Encoded with a body that is not base64 is not
        // documented: the response is malformed.
        LambdaLog.error(
            ex, "Execution failed due to configuration error: Malformed Lambda proxy response");
        return LambdaReplies.malformed(
            ex, returned.fact("isBase64Encoded is true but body is not base64: " + e.getMessage()));
      }
      valid = new ProxyResponse.Valid(valid.status(), valid.headers(), decoded, true);
    }
    ex.causeDetail = returned.fact(null);
    return LambdaReplies.success(valid);
  }

  /**
   * Whether an {@code isBase64Encoded} body is decoded: the request's first {@code Accept} type, or
   * the response's {@code Content-Type}, is one of the API's binary media types (spec 6.5, 11.3).
   * Otherwise the base64 text is the body, as AWS recorded (C28).
   */
  private static boolean binaryResponse(Exchange ex, ProxyResponse.Valid valid) {
    BinaryMediaTypes binary = ex.stage().content().binary();
    return binary.matches(BinaryMediaTypes.firstAccept(ex.headers.get(HttpHeaderNames.ACCEPT)))
        || binary.matches(valid.headers().get(HttpHeaderNames.CONTENT_TYPE));
  }
}
