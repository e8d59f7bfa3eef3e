package dev.turnpike.integration;

import dev.turnpike.decision.Cause;
import dev.turnpike.integration.http.BackendException;
import dev.turnpike.integration.http.BackendFailure;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import java.util.concurrent.CompletionException;

/**
 * Maps a failed backend call to what API Gateway answers (spec 6.9): past {@code timeoutInMillis} →
 * 504 INTEGRATION_TIMEOUT {@code {"message": "Endpoint request timed out"}}; unreachable, reset or
 * garbled backend → 500 {@code {"message": "Internal server error"}} (INTEGRATION_FAILURE's status
 * for HTTP backends, as recorded). Both carry {@code X-Amzn-Trace-Id}, as AWS's 5xx responses do.
 */
final class BackendCalls {
  private BackendCalls() {}

  static GatewayReply failure(Exchange ex, Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    GatewayReply reply;
    if (cause instanceof BackendException be && be.failure() == BackendFailure.TIMEOUT) {
      HttpLog.error(ex, "Execution failed due to a timeout error");
      reply =
          GatewayResponses.refuse(
              ex, GatewayResponseType.INTEGRATION_TIMEOUT, Cause.INTEGRATION_TIMEOUT, null);
    } else {
      reply =
          GatewayResponses.refuse(
              ex,
              GatewayResponseType.INTEGRATION_FAILURE,
              Cause.INTEGRATION_FAILURE,
              null,
              "Internal server error",
              500);
    }
    reply.headers().set("X-Amzn-Trace-Id", ex.traceId());
    return reply;
  }

  /**
   * A configuration error found while calling: an endpoint that does not resolve, a template that
   * fails, a mapping AWS refuses at invoke time. 500 API_CONFIGURATION_ERROR {@code {"message":
   * "Internal server error"}}.
   */
  /**
   * An endpoint URI that does not resolve (a stage variable missing, a malformed URI): {@link
   * #badEndpoint} with AWS's recorded line.
   */
  static GatewayReply invalidEndpoint(Exchange ex) {
    HttpLog.error(ex, "Execution failed due to configuration error: Invalid endpoint address");
    return badEndpoint(ex);
  }

  static GatewayReply badEndpoint(Exchange ex) {
    return GatewayResponses.refuse(
        ex,
        GatewayResponseType.API_CONFIGURATION_ERROR,
        Cause.CONFIGURATION_ERROR,
        null,
        "Internal server error",
        null);
  }
}
