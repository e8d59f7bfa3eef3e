package dev.turnpike.server;

import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import org.jspecify.annotations.Nullable;

/**
 * The last line of defense: a bug anywhere in the request path becomes a 500 in AWS's shape for that one request,
 * never a stack trace to the client and never a dead listener. The cause goes to stderr for the operator.
 */
final class InternalErrors {
  private InternalErrors() {}

  static GatewayReply reply(Exchange ex, @Nullable Throwable error) {
    System.err.println("turnpike: request " + ex.requestId + " failed inside the gateway: " + error);
    return GatewayResponses.render(GatewayResponseType.API_CONFIGURATION_ERROR, ex, "Internal server error", null);
  }
}
