package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.snapshot.CompiledMethod;
import org.jspecify.annotations.Nullable;

/**
 * The authorizer step of a path built without authorizers ({@link Stages#forRestApi(
 * dev.turnpike.routing.HostClassifier)}: unit tests of the other stages). A {@code CUSTOM} or
 * {@code COGNITO_USER_POOLS} method is refused with AWS's authorizer-configuration 500, never
 * served as if it had no authorization. The gateway itself always runs {@code
 * authorizer.AuthorizerStage}.
 */
final class NoAuthorizers implements Stage {
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
