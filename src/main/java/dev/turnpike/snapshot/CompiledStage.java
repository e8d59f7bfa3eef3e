package dev.turnpike.snapshot;

import dev.turnpike.media.ContentSettings;
import dev.turnpike.routing.ResourceTree;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One stage: the deployment it serves (resource tree, gateway responses, API settings frozen at
 * deployment), its stage variables, its access-log format and destination ARN, and its metering
 * (API keys, throttles, quotas, execution-log levels); {@code authorizerCacheFlushes} counts
 * FlushStageAuthorizersCache calls, part of every authorizer cache key of the stage.
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
    @Nullable String accessLogFormat,
    StageMetering metering,
    long authorizerCacheFlushes,
    ContentSettings content,
    @Nullable String accessLogDestination) {

  public CompiledStage {
    variables = Map.copyOf(variables);
  }

  /** A stage without an access-log destination ({@code accessLogSettings.destinationArn}). */
  public CompiledStage(
      String apiId,
      String accountId,
      String stageName,
      String deploymentId,
      boolean executeApiEndpointDisabled,
      Map<String, String> variables,
      ResourceTree<CompiledMethod> tree,
      CompiledGatewayResponses gatewayResponses,
      @Nullable String accessLogFormat,
      StageMetering metering,
      long authorizerCacheFlushes,
      ContentSettings content) {
    this(
        apiId,
        accountId,
        stageName,
        deploymentId,
        executeApiEndpointDisabled,
        variables,
        tree,
        gatewayResponses,
        accessLogFormat,
        metering,
        authorizerCacheFlushes,
        content,
        null);
  }

  /** A stage of a deployment without binary media types or compression. */
  public CompiledStage(
      String apiId,
      String accountId,
      String stageName,
      String deploymentId,
      boolean executeApiEndpointDisabled,
      Map<String, String> variables,
      ResourceTree<CompiledMethod> tree,
      CompiledGatewayResponses gatewayResponses,
      @Nullable String accessLogFormat,
      StageMetering metering,
      long authorizerCacheFlushes) {
    this(
        apiId,
        accountId,
        stageName,
        deploymentId,
        executeApiEndpointDisabled,
        variables,
        tree,
        gatewayResponses,
        accessLogFormat,
        metering,
        authorizerCacheFlushes,
        ContentSettings.NONE);
  }

  /** A stage whose authorizer cache was never flushed. */
  public CompiledStage(
      String apiId,
      String accountId,
      String stageName,
      String deploymentId,
      boolean executeApiEndpointDisabled,
      Map<String, String> variables,
      ResourceTree<CompiledMethod> tree,
      CompiledGatewayResponses gatewayResponses,
      @Nullable String accessLogFormat,
      StageMetering metering) {
    this(
        apiId,
        accountId,
        stageName,
        deploymentId,
        executeApiEndpointDisabled,
        variables,
        tree,
        gatewayResponses,
        accessLogFormat,
        metering,
        0);
  }

  /** A stage without API keys, throttles or execution logs. */
  public CompiledStage(
      String apiId,
      String accountId,
      String stageName,
      String deploymentId,
      boolean executeApiEndpointDisabled,
      Map<String, String> variables,
      ResourceTree<CompiledMethod> tree,
      CompiledGatewayResponses gatewayResponses,
      @Nullable String accessLogFormat) {
    this(
        apiId,
        accountId,
        stageName,
        deploymentId,
        executeApiEndpointDisabled,
        variables,
        tree,
        gatewayResponses,
        accessLogFormat,
        StageMetering.NONE);
  }
}
