package dev.turnpike.authorizer;

import dev.turnpike.auth.keys.ApiKeyMask;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.AuthorizerFact;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ExecutionTrace;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The refusals of an authorizer, through the one gateway-response catalog (spec 8.4): 401 {@code
 * UNAUTHORIZED}, 403 {@code ACCESS_DENIED} with the two recorded messages, 500 {@code
 * AUTHORIZER_CONFIGURATION_ERROR}; and the execution-log lines AWS writes around them.
 */
final class AuthorizerReplies {
  static final String EXPLICIT_DENY =
      "User is not authorized to access this resource with an explicit deny";
  static final String NOT_AUTHORIZED = "User is not authorized to access this resource";

  private AuthorizerReplies() {}

  static GatewayReply unauthorized(Exchange ex, Cause cause, AuthorizerFact fact) {
    error(ex, "Unauthorized request: " + ex.requestId);
    return GatewayResponses.refuse(ex, GatewayResponseType.UNAUTHORIZED, cause, fact);
  }

  static GatewayReply denied(Exchange ex, boolean explicit, AuthorizerFact fact) {
    String message = explicit ? EXPLICIT_DENY : NOT_AUTHORIZED;
    error(ex, message);
    return GatewayResponses.refuse(
        ex,
        GatewayResponseType.ACCESS_DENIED,
        explicit ? Cause.AUTHORIZER_DENIED : Cause.AUTHORIZER_NOT_ALLOWED,
        fact,
        message,
        null);
  }

  static GatewayReply configuration(Exchange ex, AuthorizerFact fact) {
    error(ex, "AuthorizerConfigurationException");
    return GatewayResponses.refuse(
        ex,
        GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR,
        Cause.AUTHORIZER_CONFIGURATION,
        fact);
  }

  static void info(Exchange ex, String line) {
    ExecutionTrace t = ex.executionTrace;
    if (t != null) {
      t.info(ex, line);
    }
  }

  static void info(Exchange ex, List<String> lines) {
    for (String l : lines) {
      info(ex, l);
    }
  }

  static void error(Exchange ex, String line) {
    ExecutionTrace t = ex.executionTrace;
    if (t != null) {
      t.error(ex, line);
    }
  }

  /** An identity as AWS logs it: all but the last 6 characters as {@code *} (spec 8.4). */
  static String masked(@Nullable String identity) {
    return identity == null ? "" : ApiKeyMask.mask(identity);
  }
}
