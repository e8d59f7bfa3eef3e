package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code apigatewayv2} {@code Route}: {@code routeKey} is {@code "GET /pets/{id}"}, {@code
 * "ANY /{proxy+}"} or {@code "$default"}; {@code target} is {@code "integrations/{integrationId}"}.
 */
public record HttpRoute(
    String routeId,
    String routeKey,
    String authorizationType,
    @Nullable String authorizerId,
    @Nullable List<String> authorizationScopes,
    boolean apiKeyRequired,
    @Nullable String operationName,
    @Nullable Map<String, Object> requestParameters,
    @Nullable String target,
    @Nullable Boolean apiGatewayManaged) {

  /** The integration id of {@code target}, null when the route has none. */
  public @Nullable String integrationId() {
    return target != null && target.startsWith("integrations/")
        ? target.substring("integrations/".length())
        : null;
  }
}
