package dev.turnpike.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** botocore {@code apigatewayv2} {@code Deployment}. */
public record HttpDeployment(
    String deploymentId,
    String deploymentStatus,
    @Nullable String description,
    boolean autoDeployed,
    String createdDate) {

  /**
   * What a deployment froze: the API, its routes, integrations and authorizers as they were. The
   * snapshot compiles this, never the live configuration.
   */
  public record Frozen(
      HttpApi api,
      List<HttpRoute> routes,
      List<HttpIntegration> integrations,
      List<HttpAuthorizer> authorizers) {
    public Frozen {
      routes = List.copyOf(routes);
      integrations = List.copyOf(integrations);
      authorizers = List.copyOf(authorizers);
    }
  }
}
