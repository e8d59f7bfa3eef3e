package dev.turnpike.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code apigatewayv2} {@code Authorizer} ({@code JWT} or {@code REQUEST}), stored as
 * configured; verification is the business of the JWT and Lambda authorizer stages.
 */
public record HttpAuthorizer(
    String authorizerId,
    String name,
    String authorizerType,
    @Nullable List<String> identitySource,
    @Nullable JwtConfiguration jwtConfiguration,
    @Nullable String authorizerUri,
    @Nullable String authorizerPayloadFormatVersion,
    @Nullable Boolean enableSimpleResponses,
    @Nullable Integer authorizerResultTtlInSeconds,
    @Nullable String authorizerCredentialsArn,
    @Nullable String identityValidationExpression) {

  /** botocore {@code JWTConfiguration}. */
  public record JwtConfiguration(@Nullable List<String> audience, @Nullable String issuer) {}
}
