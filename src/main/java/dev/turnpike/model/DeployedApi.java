package dev.turnpike.model;

import java.util.List;

/**
 * What a deployment froze: the API's settings, its resource tree (methods and integrations
 * embedded) and its customized gateway responses at the moment of {@code CreateDeployment}. Stages
 * serve this, never live edits.
 */
public record DeployedApi(
    RestApi api,
    List<Resource> resources,
    List<GatewayResponse> gatewayResponses,
    List<Authorizer> authorizers) {
  public DeployedApi {
    resources = List.copyOf(resources);
    gatewayResponses = List.copyOf(gatewayResponses);
    // Deployments stored before authorizers were frozen with them read as null: none.
    @SuppressWarnings("NullAway") // Jackson passes null for a member the document lacks
    List<Authorizer> read = authorizers == null ? List.of() : List.copyOf(authorizers);
    authorizers = read;
  }
}
