package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code apigatewayv2} {@code Api} with {@code protocolType} HTTP, as stored and as sent
 * (v2 dates are ISO-8601 texts). {@code corsConfiguration} is kept as plain data: its rules belong
 * to the {@code cors} package.
 */
public record HttpApi(
    String apiId,
    String name,
    String protocolType,
    String routeSelectionExpression,
    String apiKeySelectionExpression,
    String apiEndpoint,
    @Nullable String description,
    @Nullable String version,
    boolean disableExecuteApiEndpoint,
    @Nullable Boolean disableSchemaValidation,
    @Nullable Map<String, Object> corsConfiguration,
    @Nullable String ipAddressType,
    String createdDate,
    @Nullable Map<String, String> tags) {

  public HttpApi withTags(@Nullable Map<String, String> newTags) {
    return new HttpApi(
        apiId,
        name,
        protocolType,
        routeSelectionExpression,
        apiKeySelectionExpression,
        apiEndpoint,
        description,
        version,
        disableExecuteApiEndpoint,
        disableSchemaValidation,
        corsConfiguration,
        ipAddressType,
        createdDate,
        newTags);
  }
}
