package dev.turnpike.integration;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.pipeline.Integration;
import dev.turnpike.pipeline.TemplateInputs;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.template.MockStatusCode;
import dev.turnpike.template.TemplateException;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * MOCK: no backend. The request template's {@code statusCode} selects the integration response (by
 * its {@code selectionPattern} against the status), whose template renders the body (spec 6.1, C01,
 * C07).
 */
final class MockIntegration implements Integration {
  @Override
  public CompletableFuture<GatewayReply> invoke(
      Exchange ex, CompiledIntegration in, EventLoop loop) {
    return CompletableFuture.completedFuture(reply(ex, in));
  }

  private static GatewayReply reply(Exchange ex, CompiledIntegration in) {
    RequestTemplates.Choice choice = RequestTemplates.choose(in, ex.headers.get("Content-Type"));
    if (choice.unsupportedMediaType()) {
      return GatewayResponses.refuse(
          ex, GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, Cause.OTHER_ERROR, null);
    }
    String requestBody = new String(ex.body, StandardCharsets.UTF_8);
    int status;
    try {
      String rendered =
          choice.template() == null
              ? requestBody
              : choice.template().render(TemplateInputs.of(ex, requestBody, null));
      status = MockStatusCode.statusCodeOf(rendered);
    } catch (TemplateException e) {
      return BackendCalls.badEndpoint(ex);
    }
    return ResponseSelection.respond(ex, in, Integer.toString(status), "", null);
  }
}
