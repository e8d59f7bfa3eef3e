package dev.turnpike.integration.lambda;

import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.HttpApiIntegration;
import dev.turnpike.pipeline.HttpApiReplies;
import dev.turnpike.pipeline.StageVariables;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import dev.turnpike.snapshot.CompiledHttpStage;
import dev.turnpike.snapshot.LambdaIndex;
import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code AWS_PROXY} to a Lambda function on an HTTP API: the function the integration URI names (a
 * function ARN, or the {@code …/functions/{arn}/invocations} URI), API Gateway's permission for the
 * route's source ARN ({@link LambdaPermission}, the same decision as REST), the payload 1.0 or 2.0
 * event ({@link HttpApiEvent}), the invoke off the event loop within {@code timeoutInMillis}. Every
 * failure is 500 {@code {"message":"Internal Server Error"}} (http-api-troubleshooting-lambda.md)
 * except a timeout, 503 {@code {"message":"Service Unavailable"}} (spec 1.6: status [REC], body
 * [UNCONF]).
 */
public final class HttpApiLambdaIntegration implements HttpApiIntegration {
  private final LambdaInvoker invoker;
  private final Ticker ticker;

  public HttpApiLambdaIntegration(LambdaInvoker invoker, Ticker ticker) {
    this.invoker = invoker;
    this.ticker = ticker;
  }

  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledHttpIntegration in, EventLoop loop) {
    CompiledHttpStage stage = ex.httpStage();
    LambdaTarget target =
        LambdaTarget.parse(invocationUri(StageVariables.substitute(in.uri(), stage.variables())));
    if (target == null) {
      return done(HttpApiReplies.internalError(ex, Cause.CONFIGURATION_ERROR, null));
    }
    LambdaIndex.Function function =
        ex.snapshot.functions().function(target.accountId(), target.name(), target.qualifier());
    if (function == null) {
      return done(
          HttpApiReplies.internalError(
              ex,
              Cause.LAMBDA_NOT_FOUND,
              LambdaReplies.fact(
                  target.functionArn(), null, "no function " + target.functionArn())));
    }
    if (!invoker.runsFunctions()) {
      return done(HttpApiReplies.internalError(ex, Cause.CONFIGURATION_ERROR, null));
    }
    String region = function.config().region();
    String denied =
        LambdaPermission.check(
            ex.snapshot.iam(),
            function,
            target.permissionArn(),
            sourceArn(ex, region),
            stage.accountId(),
            in.credentials(),
            ex.caller);
    if (denied != null) {
      return done(
          HttpApiReplies.internalError(
              ex, Cause.LAMBDA_PERMISSION, LambdaReplies.fact(target.functionArn(), null, denied)));
    }
    byte[] event = HttpApiEvent.build(ex);
    FunctionConfig config = function.pick(ThreadLocalRandom.current().nextDouble());
    CompletableFuture<GatewayReply> reply = new CompletableFuture<>();
    long start = ticker.read();
    var timeout =
        loop.schedule(
            () -> {
              if (!reply.isDone()) {
                ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
                reply.complete(HttpApiReplies.serviceUnavailable(ex, Cause.INTEGRATION_TIMEOUT));
              }
            },
            in.timeoutMillis(),
            TimeUnit.MILLISECONDS);
    invoker
        .invokeFromEventLoop(config, event)
        .whenCompleteAsync(
            (result, error) -> {
              timeout.cancel(false);
              if (reply.isDone()) {
                return; // answered 503 already; the function ran on, as on AWS
              }
              ex.integrationLatencyMillis = (ticker.read() - start) / 1_000_000;
              reply.complete(
                  error != null
                      ? HttpApiReplies.internalError(ex, Cause.INTEGRATION_FAILURE, null)
                      : answer(ex, in, target, config.version(), result));
            },
            loop);
    return reply;
  }

  private static GatewayReply answer(
      Exchange ex,
      CompiledHttpIntegration in,
      LambdaTarget target,
      String version,
      InvokeResult r) {
    if (r.outcome() == InvokeResult.Outcome.THROTTLED) {
      return HttpApiReplies.internalError(
          ex,
          Cause.LAMBDA_THROTTLED,
          LambdaReplies.fact(target.functionArn(), r, "Rate Exceeded.", version));
    }
    if (r.outcome() != InvokeResult.Outcome.SUCCESS) {
      return HttpApiReplies.internalError(
          ex,
          Cause.LAMBDA_FUNCTION_ERROR,
          LambdaReplies.fact(target.functionArn(), r, LambdaReplies.errorMessage(r), version));
    }
    GatewayReply reply;
    String problem = null;
    if ("1.0".equals(in.payloadFormatVersion())) {
      ProxyResponse.Result result = ProxyResponse.validate(r.payload());
      if (result instanceof ProxyResponse.Malformed malformed) {
        problem = malformed.reason();
        reply = null;
      } else {
        reply = LambdaReplies.success((ProxyResponse.Valid) result);
      }
    } else {
      reply = HttpApiLambdaResponse.v2(r.payload());
      problem = reply == null ? "the result is not a valid payload 2.0 response" : null;
    }
    if (reply == null) {
      return HttpApiReplies.internalError(
          ex,
          Cause.LAMBDA_MALFORMED_RESPONSE,
          LambdaReplies.fact(target.functionArn(), r, problem, version));
    }
    ex.causeDetail = LambdaReplies.fact(target.functionArn(), r, null, version);
    return reply;
  }

  /** HTTP APIs take a function ARN as the URI; REST's invocation URI form is accepted too. */
  static String invocationUri(String uri) {
    if (!uri.startsWith("arn:aws:lambda:")) {
      return uri;
    }
    String[] p = uri.split(":", -1);
    String region = p.length > 3 ? p[3] : "";
    return "arn:aws:apigateway:"
        + region
        + ":lambda:path/2015-03-31/functions/"
        + uri
        + "/invocations";
  }

  /**
   * The route's source ARN, {@code arn:aws:execute-api:{region}:{account}:{api}/{stage}/{METHOD as
   * defined}/{path}} ({@code …/{stage}/$default} for the {@code $default} route).
   */
  static String sourceArn(Exchange ex, String region) {
    CompiledHttpStage stage = ex.httpStage();
    String key = ex.httpRoute().routeKey();
    int space = key.indexOf(' ');
    String verb = space < 0 ? key : key.substring(0, space);
    String path = space < 0 ? "" : key.substring(space + 1);
    return space < 0
        ? "arn:aws:execute-api:"
            + region
            + ":"
            + stage.accountId()
            + ":"
            + stage.apiId()
            + "/"
            + stage.stageName()
            + "/"
            + key
        : LambdaPermission.sourceArn(
            region, stage.accountId(), stage.apiId(), stage.stageName(), verb, path);
  }

  private static CompletableFuture<GatewayReply> done(GatewayReply r) {
    return CompletableFuture.completedFuture(r);
  }
}
