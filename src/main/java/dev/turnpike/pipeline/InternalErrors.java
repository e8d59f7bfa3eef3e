package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import org.jspecify.annotations.Nullable;

/**
 * The last line of defense: a bug anywhere in the request path becomes a 500 in AWS's shape for
 * that one request, never a stack trace to the client and never a dead listener. The cause goes to
 * stderr for the operator.
 */
public final class InternalErrors {
  private InternalErrors() {}

  public static GatewayReply reply(Exchange ex, @Nullable Throwable error) {
    System.err.println(
        "turnpike: request " + ex.requestId + " failed inside the gateway: " + error);
    return GatewayResponses.refuse(
        ex,
        GatewayResponseType.API_CONFIGURATION_ERROR,
        Cause.CONFIGURATION_ERROR,
        null,
        "Internal server error",
        null);
  }
}
