package dev.turnpike.authorizer;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.snapshot.CompiledMethod;
import org.jspecify.annotations.Nullable;

/**
 * The authentication of a {@code COGNITO_USER_POOLS} method: null when the token is good (the
 * exchange's {@code authorizer} then holds its claims), else the refusal.
 */
@FunctionalInterface
public interface CognitoCheck {
  @Nullable GatewayReply authorize(Exchange ex, CompiledMethod method);

  /**
   * Where no user pools are served: Cognito methods are refused with AWS's authorizer 500, never
   * served unauthenticated.
   */
  CognitoCheck UNAVAILABLE =
      (ex, method) ->
          GatewayResponses.refuse(
              ex,
              GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR,
              Cause.AUTHORIZER_NOT_RUN,
              null);
}
