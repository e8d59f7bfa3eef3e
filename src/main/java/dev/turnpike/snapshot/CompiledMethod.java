package dev.turnpike.snapshot;

import dev.turnpike.validation.MethodValidation;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A method ready to serve: its authorization settings and compiled integration (null when none is
 * set). {@code authorizer} is the compiled authorizer of a {@code CUSTOM} or {@code
 * COGNITO_USER_POOLS} method, null otherwise or when its authorizer did not compile (such a method
 * answers AWS's authorizer-configuration 500); {@code authorizationScopes} are the Cognito scopes
 * any one of which an access token must hold; {@code validation} is what the method's request
 * validator checks, null when it has no validator (the request path then does no work for it).
 */
public record CompiledMethod(
    String httpMethod,
    String resourcePath,
    String authorizationType,
    boolean apiKeyRequired,
    @Nullable CompiledIntegration integration,
    @Nullable CompiledAuthorizer authorizer,
    List<String> authorizationScopes,
    @Nullable MethodValidation validation) {

  public CompiledMethod {
    authorizationScopes = List.copyOf(authorizationScopes);
  }

  /** A method without request validation. */
  public CompiledMethod(
      String httpMethod,
      String resourcePath,
      String authorizationType,
      boolean apiKeyRequired,
      @Nullable CompiledIntegration integration,
      @Nullable CompiledAuthorizer authorizer,
      List<String> authorizationScopes) {
    this(
        httpMethod,
        resourcePath,
        authorizationType,
        apiKeyRequired,
        integration,
        authorizer,
        authorizationScopes,
        null);
  }

  /** A method without an authorizer. */
  public CompiledMethod(
      String httpMethod,
      String resourcePath,
      String authorizationType,
      boolean apiKeyRequired,
      @Nullable CompiledIntegration integration) {
    this(
        httpMethod,
        resourcePath,
        authorizationType,
        apiKeyRequired,
        integration,
        null,
        List.of(),
        null);
  }
}
