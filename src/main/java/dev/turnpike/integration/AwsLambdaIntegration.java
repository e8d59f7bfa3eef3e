package dev.turnpike.integration;

import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.integration.lambda.LambdaCall;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.pipeline.Integration;
import dev.turnpike.pipeline.ParameterSources;
import dev.turnpike.pipeline.TemplateInputs;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.ParameterMapping;
import dev.turnpike.template.TemplateException;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * {@code AWS} (non-proxy) to Lambda (spec 9.5): the request template (or the body passed through,
 * the recorded default {@code WHEN_NO_MATCH}) is the payload; a result selects the default
 * integration response, a function error the first whose {@code selectionPattern} matches its
 * {@code errorMessage} (recorded: {@code .*four hundred.*} → 405, {@code .+} → 502), with the error
 * JSON as the body unless a template maps it; no match and no default → 500. Mapping {@code
 * integration.request.header.X-Amz-Invocation-Type} to {@code 'Event'} invokes asynchronously.
 * Other AWS services are not served: a configuration error.
 */
final class AwsLambdaIntegration implements Integration {
  private static final String INVOCATION_TYPE = "X-Amz-Invocation-Type";
  private final LambdaCall lambda;

  AwsLambdaIntegration(LambdaInvoker invoker, Ticker ticker) {
    this.lambda = new LambdaCall(invoker, ticker);
  }

  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledIntegration in, EventLoop loop) {
    if (!in.uri().contains(":lambda:path/")) {
      return done(BackendCalls.badEndpoint(ex)); // S3, DynamoDB, … are not served
    }
    RequestTemplates.Choice choice = RequestTemplates.choose(in, ex.headers.get("Content-Type"));
    if (choice.unsupportedMediaType()) {
      return done(
          GatewayResponses.refuse(
              ex, GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, Cause.OTHER_ERROR, null));
    }
    byte[] payload = ex.body;
    if (choice.template() != null) {
      try {
        payload =
            choice
                .template()
                .render(TemplateInputs.of(ex, new String(ex.body, StandardCharsets.UTF_8), null))
                .getBytes(StandardCharsets.UTF_8);
      } catch (TemplateException e) {
        return done(BackendCalls.badEndpoint(ex));
      }
    }
    byte[] event = payload;
    return lambda
        .call(ex, in, loop, () -> event, isEvent(ex, in))
        .thenApply(outcome -> reply(ex, in, outcome));
  }

  private static GatewayReply reply(Exchange ex, CompiledIntegration in, LambdaCall.Outcome o) {
    if (o instanceof LambdaCall.Refused refused) {
      return refused.reply();
    }
    LambdaCall.Returned returned = (LambdaCall.Returned) o;
    InvokeResult r = returned.result();
    String body = r.payloadText();
    if (r.outcome() == InvokeResult.Outcome.SUCCESS) {
      ex.causeDetail = returned.fact(Double.isNaN(r.durationMs()) ? "invoked as Event" : null);
      return ResponseSelection.respondDefault(ex, in, body);
    }
    String message = LambdaCall.errorMessage(r);
    GatewayReply reply = ResponseSelection.respond(ex, in, message, body, null);
    if (ex.cause == Cause.OK) {
      ex.causeDetail = returned.fact(message);
    }
    return reply;
  }

  /** {@code integration.request.header.X-Amz-Invocation-Type} mapped to {@code Event}. */
  private static boolean isEvent(Exchange ex, CompiledIntegration in) {
    for (ParameterMapping m : in.mappings().headers()) {
      if (m.target().equalsIgnoreCase(INVOCATION_TYPE)) {
        return "Event".equals(ParameterSources.resolve(m.source(), ex));
      }
    }
    return false;
  }

  private static CompletableFuture<GatewayReply> done(GatewayReply reply) {
    return CompletableFuture.completedFuture(reply);
  }
}
