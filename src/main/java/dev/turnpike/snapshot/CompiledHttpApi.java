package dev.turnpike.snapshot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API as served: its owner and its deployed stages by name ({@code $default} among them).
 */
public record CompiledHttpApi(
    String apiId, String accountId, Map<String, CompiledHttpStage> stages) {
  public CompiledHttpApi {
    stages = Map.copyOf(stages);
  }

  public @Nullable CompiledHttpStage stage(String name) {
    return stages.get(name);
  }
}
