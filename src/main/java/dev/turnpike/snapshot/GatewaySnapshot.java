package dev.turnpike.snapshot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Everything the data plane serves, as of one store revision. Immutable; replaced whole on every change. */
public record GatewaySnapshot(long revision, Map<String, CompiledApi> apis, IamIndex iam) {
  public GatewaySnapshot {
    apis = Map.copyOf(apis);
  }

  /** A snapshot without credentials or policies (tests, tools). */
  public GatewaySnapshot(long revision, Map<String, CompiledApi> apis) {
    this(revision, apis, IamIndex.empty());
  }

  public static GatewaySnapshot empty() {
    return new GatewaySnapshot(-1, Map.of());
  }

  public @Nullable CompiledApi api(String apiId) {
    return apis.get(apiId);
  }
}
