package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.snapshot.CompiledMethod;
import org.jspecify.annotations.Nullable;

/**
 * Methods whose {@code authorizationType} is {@code CUSTOM} (a Lambda authorizer) or {@code
 * COGNITO_USER_POOLS}. Turnpike does not run authorizers yet (issue 18), and an OpenAPI import
 * makes such methods routine (every SAM document with an authorizer has them): they are refused
 * with AWS's 500 for an authorizer that cannot run, never served as if they had no authorization.
 * Issue 18 replaces this refusal with the authorizers themselves.
 */
final class AuthorizerStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    CompiledMethod method = ex.method();
    String type = method.authorizationType();
    if (!"CUSTOM".equals(type) && !"COGNITO_USER_POOLS".equals(type)) {
      return null;
    }
    return GatewayResponses.refuse(
        ex, GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR, Cause.AUTHORIZER_NOT_RUN, null);
  }
}
