package dev.turnpike.integration;

import dev.turnpike.template.MockStatusCode;
import dev.turnpike.template.TemplateException;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.pipeline.TemplateInputs;
import dev.turnpike.snapshot.CompiledIntegration;
import java.nio.charset.StandardCharsets;

/**
 * MOCK: no backend. The request template's {@code statusCode} selects the integration response (by its
 * {@code selectionPattern} against the status), whose template renders the body (spec 6.1, C01, C07).
 */
final class MockIntegration {
  GatewayReply invoke(Exchange ex, CompiledIntegration in) {
    RequestTemplates.Choice choice = RequestTemplates.choose(in, ex.headers.get("Content-Type"));
    if (choice.unsupportedMediaType()) {
      return GatewayResponses.render(GatewayResponseType.UNSUPPORTED_MEDIA_TYPE, ex);
    }
    String requestBody = new String(ex.body, StandardCharsets.UTF_8);
    int status;
    try {
      String rendered = choice.template() == null ? requestBody
          : choice.template().render(TemplateInputs.of(ex, requestBody, null));
      status = MockStatusCode.statusCodeOf(rendered);
    } catch (TemplateException e) {
      return GatewayResponses.render(GatewayResponseType.API_CONFIGURATION_ERROR, ex, "Internal server error", null);
    }
    return ResponseSelection.respond(ex, in, Integer.toString(status), "", null);
  }
}
