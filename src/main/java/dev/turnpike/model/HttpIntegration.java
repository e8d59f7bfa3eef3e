package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code apigatewayv2} {@code Integration} of an HTTP API: {@code HTTP_PROXY} (an {@code
 * integrationUri} and {@code integrationMethod}) or {@code AWS_PROXY} (a Lambda function ARN, with
 * {@code payloadFormatVersion} 1.0 or 2.0). {@code requestParameters} are {@code
 * append|overwrite|remove:header.x}, {@code overwrite:path}, {@code …:querystring.x}; {@code
 * responseParameters} by status code.
 */
public record HttpIntegration(
    String integrationId,
    String integrationType,
    @Nullable String integrationUri,
    @Nullable String integrationMethod,
    @Nullable String payloadFormatVersion,
    int timeoutInMillis,
    String connectionType,
    @Nullable String connectionId,
    @Nullable String credentialsArn,
    @Nullable String description,
    @Nullable String integrationSubtype,
    @Nullable Map<String, String> requestParameters,
    @Nullable Map<String, Map<String, String>> responseParameters,
    @Nullable Boolean apiGatewayManaged) {}
