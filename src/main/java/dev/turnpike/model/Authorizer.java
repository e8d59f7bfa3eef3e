package dev.turnpike.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code Authorizer} of a REST API: {@code type} is {@code TOKEN}, {@code REQUEST} or
 * {@code COGNITO_USER_POOLS}; {@code authType} is the free-form label OpenAPI's {@code
 * x-amazon-apigateway-authtype} sets.
 */
public record Authorizer(
    String id,
    String name,
    String type,
    @Nullable List<String> providerARNs,
    @Nullable String authType,
    @Nullable String authorizerUri,
    @Nullable String authorizerCredentials,
    @Nullable String identitySource,
    @Nullable String identityValidationExpression,
    @Nullable Integer authorizerResultTtlInSeconds) {}
