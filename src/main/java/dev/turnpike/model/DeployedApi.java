package dev.turnpike.model;

import java.util.List;

/**
 * What a deployment froze: the API's settings, its resource tree (methods and integrations
 * embedded), its customized gateway responses, authorizers, models and request validators at the
 * moment of {@code CreateDeployment}. Stages serve this, never live edits (a model changed after
 * the deployment validates nothing until the next one, as on AWS).
 */
public record DeployedApi(
    RestApi api,
    List<Resource> resources,
    List<GatewayResponse> gatewayResponses,
    List<Authorizer> authorizers,
    List<Model> models,
    List<RequestValidator> requestValidators) {
  /** Without models and validators (what a deployment without request validation froze). */
  public DeployedApi(
      RestApi api,
      List<Resource> resources,
      List<GatewayResponse> gatewayResponses,
      List<Authorizer> authorizers) {
    this(api, resources, gatewayResponses, authorizers, List.of(), List.of());
  }

  @SuppressWarnings("NullAway") // Jackson passes null for a member the document lacks
  public DeployedApi {
    resources = List.copyOf(resources);
    gatewayResponses = List.copyOf(gatewayResponses);
    // Deployments stored before authorizers, models and validators were frozen with them read
    // them as null: none.
    authorizers = authorizers == null ? List.of() : List.copyOf(authorizers);
    models = models == null ? List.of() : List.copyOf(models);
    requestValidators = requestValidators == null ? List.of() : List.copyOf(requestValidators);
  }
}
