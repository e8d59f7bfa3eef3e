package dev.turnpike.model;

import java.util.List;

/**
 * What a deployment froze: the API's settings, its resource tree (methods and integrations
 * embedded) and its customized gateway responses at the moment of {@code CreateDeployment}. Stages
 * serve this, never live edits.
 */
public record DeployedApi(
    RestApi api, List<Resource> resources, List<GatewayResponse> gatewayResponses) {
  public DeployedApi {
    resources = List.copyOf(resources);
    gatewayResponses = List.copyOf(gatewayResponses);
  }
}
