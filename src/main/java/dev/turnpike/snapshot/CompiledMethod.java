package dev.turnpike.snapshot;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A method ready to serve: its authorization settings and compiled integration (null when none is
 * set). {@code authorizer} is the compiled authorizer of a {@code CUSTOM} or {@code
 * COGNITO_USER_POOLS} method, null otherwise or when its authorizer did not compile (such a method
 * answers AWS's authorizer-configuration 500); {@code authorizationScopes} are the Cognito scopes
 * any one of which an access token must hold.
 */
public record CompiledMethod(
    String httpMethod,
    String resourcePath,
    String authorizationType,
    boolean apiKeyRequired,
    @Nullable CompiledIntegration integration,
    @Nullable CompiledAuthorizer authorizer,
    List<String> authorizationScopes) {

  public CompiledMethod {
    authorizationScopes = List.copyOf(authorizationScopes);
  }

  /** A method without an authorizer. */
  public CompiledMethod(
      String httpMethod,
      String resourcePath,
      String authorizationType,
      boolean apiKeyRequired,
      @Nullable CompiledIntegration integration) {
    this(httpMethod, resourcePath, authorizationType, apiKeyRequired, integration, null, List.of());
  }
}
