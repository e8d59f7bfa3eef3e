package dev.turnpike.snapshot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A REST API as served: its owner and its deployed stages by name. */
public record CompiledApi(String apiId, String accountId, Map<String, CompiledStage> stages) {
  public CompiledApi {
    stages = Map.copyOf(stages);
  }

  public @Nullable CompiledStage stage(String name) {
    return stages.get(name);
  }
}
