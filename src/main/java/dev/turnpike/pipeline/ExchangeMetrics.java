package dev.turnpike.pipeline;

import dev.turnpike.observe.metrics.RequestMetrics;
import dev.turnpike.observe.metrics.StageMeters;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledHttpIntegration;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import org.jspecify.annotations.Nullable;

/**
 * Records a finished exchange in the request metrics ({@code observe.metrics}): what the decision
 * record says (status, cause, timings) turned into increments on the stage's meters. Allocates
 * nothing once the stage's meters exist.
 */
public final class ExchangeMetrics implements ExchangeObserver {
  private final RequestMetrics metrics;

  public ExchangeMetrics(RequestMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public void finished(Exchange ex, GatewayReply reply, long latencyNanos) {
    CompiledApi api = ex.api;
    CompiledStage stage = ex.stage;
    StageMeters m;
    if (api != null && stage != null) {
      m = metrics.stage(api.apiId(), stage.stageName());
    } else if (ex.httpStage != null) {
      m = metrics.stage(ex.httpStage.apiId(), ex.httpStage.stageName()); // an HTTP API's stage
    } else {
      metrics.unresolved();
      return;
    }
    long integrationMillis = ex.integrationLatencyMillis;
    m.request(ex.requestTimeEpochMillis, reply.status(), latencyNanos, integrationMillis);
    switch (ex.cause) {
      case THROTTLE_PLAN -> m.throttled(StageMeters.ThrottleLevel.PLAN);
      case THROTTLE_STAGE -> m.throttled(StageMeters.ThrottleLevel.STAGE);
      case THROTTLE_ACCOUNT -> m.throttled(StageMeters.ThrottleLevel.ACCOUNT);
      case QUOTA -> m.quotaExceeded();
      default -> {}
    }
    // An invoke happened when a Lambda integration measured its latency (refusals before the
    // invoke, such as a missing permission, leave it at -1).
    if (integrationMillis >= 0 && (callsLambda(ex.route) || callsLambda(ex))) {
      m.lambda(
          switch (ex.cause) {
            case LAMBDA_THROTTLED -> StageMeters.LambdaOutcome.THROTTLED;
            case LAMBDA_FUNCTION_ERROR -> StageMeters.LambdaOutcome.FUNCTION_ERROR;
            default -> StageMeters.LambdaOutcome.RETURNED;
          },
          integrationMillis);
    }
  }

  /** An HTTP API route whose integration is AWS_PROXY (always a Lambda function). */
  private static boolean callsLambda(Exchange ex) {
    CompiledHttpIntegration in = ex.httpRoute == null ? null : ex.httpRoute.route().integration();
    return in != null && in.type().equals("AWS_PROXY");
  }

  /** AWS or AWS_PROXY with a Lambda invocation URI ({@code arn:aws:apigateway:…:lambda:path/…}). */
  private static boolean callsLambda(@Nullable RouteMatch<CompiledMethod> route) {
    CompiledIntegration in = route == null ? null : route.method().integration();
    return in != null && in.type().startsWith("AWS") && in.uri().contains(":lambda:path/");
  }
}
