package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A method of a resource (botocore {@code Method}). */
public record Method(
    String httpMethod,
    String authorizationType,
    @Nullable String authorizerId,
    boolean apiKeyRequired,
    @Nullable String requestValidatorId,
    @Nullable String operationName,
    @Nullable Map<String, Boolean> requestParameters,
    @Nullable Map<String, String> requestModels,
    @Nullable Map<String, MethodResponse> methodResponses,
    @Nullable Integration methodIntegration,
    @Nullable List<String> authorizationScopes) {

  public Method withIntegration(@Nullable Integration integration) {
    return new Method(
        httpMethod,
        authorizationType,
        authorizerId,
        apiKeyRequired,
        requestValidatorId,
        operationName,
        requestParameters,
        requestModels,
        methodResponses,
        integration,
        authorizationScopes);
  }

  public Method withMethodResponses(@Nullable Map<String, MethodResponse> responses) {
    return new Method(
        httpMethod,
        authorizationType,
        authorizerId,
        apiKeyRequired,
        requestValidatorId,
        operationName,
        requestParameters,
        requestModels,
        responses,
        methodIntegration,
        authorizationScopes);
  }
}
