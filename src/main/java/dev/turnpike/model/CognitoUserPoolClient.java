package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An app client of a user pool, as DescribeUserPoolClient reports it. The validities are in the
 * units of {@code tokenValidityUnits} (Cognito's defaults: 60 minutes, 60 minutes, 30 days); the
 * client secret, when generated, makes the stored document sealed like every secret.
 */
public record CognitoUserPoolClient(
    String userPoolId,
    String clientId,
    String clientName,
    @Nullable String clientSecret,
    long creationDate,
    long lastModifiedDate,
    List<String> explicitAuthFlows,
    int refreshTokenValidity,
    int accessTokenValidity,
    int idTokenValidity,
    Map<String, String> tokenValidityUnits,
    String preventUserExistenceErrors,
    boolean enableTokenRevocation,
    int authSessionValidity,
    @Nullable List<String> readAttributes,
    @Nullable List<String> writeAttributes) {}
