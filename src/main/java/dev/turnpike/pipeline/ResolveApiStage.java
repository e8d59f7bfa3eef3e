package dev.turnpike.pipeline;

import dev.turnpike.routing.HostClassifier;
import dev.turnpike.routing.InvokePath;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledStage;
import org.jspecify.annotations.Nullable;

/**
 * Finds the API and stage: from an execute-api Host ({@code {apiId}.execute-api.{region}.{suffix}/{stage}/...}) or
 * from the path style ({@code /restapis/{apiId}/{stage}/_user_request_/...}) on any host. An unknown host, API or
 * stage, or an API whose execute-api endpoint is disabled, gets 403 {@code {"message":"Forbidden"}} (spec 1.5, C04).
 */
public final class ResolveApiStage implements Stage {
  private final HostClassifier hosts;

  public ResolveApiStage(HostClassifier hosts) {
    this.hosts = hosts;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    InvokePath invoke = InvokePath.ofPathStyle(ex.rawPath);
    String apiId;
    if (invoke != null) {
      apiId = invoke.apiId();
      ex.addressing = "path";
    } else {
      apiId = hosts.executeApiId(ex.headers.get("Host"));
      invoke = InvokePath.ofStagePath(ex.rawPath);
      ex.addressing = "host";
    }
    if (apiId == null || invoke == null) {
      return GatewayResponses.forbidden();
    }
    CompiledApi api = ex.snapshot.api(apiId);
    if (api == null) {
      return GatewayResponses.forbidden();
    }
    ex.api = api;
    CompiledStage stage = api.stage(invoke.stage());
    if (stage == null || stage.executeApiEndpointDisabled()) {
      return GatewayResponses.forbidden();
    }
    ex.stage = stage;
    ex.stagePath = invoke.resourcePath();
    return null;
  }
}
