package dev.turnpike.integration;

import dev.turnpike.integration.http.BackendException;
import dev.turnpike.integration.http.BackendFailure;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import java.util.concurrent.CompletionException;

/**
 * Maps a failed backend call to what API Gateway answers (spec 6.9): past {@code timeoutInMillis} → 504
 * INTEGRATION_TIMEOUT {@code {"message": "Endpoint request timed out"}}; unreachable, reset or garbled backend →
 * 500 {@code {"message": "Internal server error"}} (INTEGRATION_FAILURE's status for HTTP backends, as recorded).
 * Both carry {@code X-Amzn-Trace-Id}, as AWS's 5xx responses do.
 */
final class BackendCalls {
  private BackendCalls() {}

  static GatewayReply failure(Exchange ex, Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    GatewayReply reply;
    if (cause instanceof BackendException be && be.failure() == BackendFailure.TIMEOUT) {
      ex.cause = dev.turnpike.decision.Cause.INTEGRATION_TIMEOUT;
      reply = GatewayResponses.render(GatewayResponseType.INTEGRATION_TIMEOUT, ex);
    } else {
      ex.cause = dev.turnpike.decision.Cause.INTEGRATION_FAILURE;
      reply = GatewayResponses.render(GatewayResponseType.INTEGRATION_FAILURE, ex, "Internal server error", 500);
    }
    reply.headers().set("X-Amzn-Trace-Id", ex.traceId());
    return reply;
  }

  static GatewayReply badEndpoint(Exchange ex) {
    return GatewayResponses.render(GatewayResponseType.API_CONFIGURATION_ERROR, ex, "Internal server error", null);
  }
}
