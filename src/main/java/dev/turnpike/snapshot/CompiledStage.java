package dev.turnpike.snapshot;

import dev.turnpike.routing.ResourceTree;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One stage: the deployment it serves (resource tree, gateway responses, API settings frozen at deployment), its
 * stage variables and its access-log format.
 */
public record CompiledStage(
    String apiId,
    String accountId,
    String stageName,
    String deploymentId,
    boolean executeApiEndpointDisabled,
    Map<String, String> variables,
    ResourceTree<CompiledMethod> tree,
    CompiledGatewayResponses gatewayResponses,
    @Nullable String accessLogFormat) {

  public CompiledStage {
    variables = Map.copyOf(variables);
  }
}
