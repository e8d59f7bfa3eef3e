package dev.turnpike.snapshot;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API route as deployed: its key ({@code GET /pets/{id}}, {@code $default}), how it is
 * authorized ({@code NONE}, {@code AWS_IAM}, {@code JWT}, {@code CUSTOM} with the authorizer id and
 * scopes, and the compiled authorizer: null when the route names none or one the deployment does
 * not hold), and its integration (null: the route has no target).
 */
public record CompiledRoute(
    String routeId,
    String routeKey,
    String authorizationType,
    @Nullable String authorizerId,
    List<String> authorizationScopes,
    @Nullable CompiledHttpAuthorizer authorizer,
    @Nullable CompiledHttpIntegration integration) {
  public CompiledRoute {
    authorizationScopes = List.copyOf(authorizationScopes);
  }
}
