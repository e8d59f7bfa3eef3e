package dev.turnpike.snapshot;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every API key by value, for explaining a refusal (unknown vs disabled) in execution logs. The
 * admission path reads {@link StageMetering#grants()} instead, which holds only keys that may call
 * the stage.
 */
public record KeyIndex(Map<String, Entry> byValue) {
  public static final KeyIndex EMPTY = new KeyIndex(Map.of());

  public KeyIndex {
    byValue = Map.copyOf(byValue);
  }

  public @Nullable Entry get(String value) {
    return byValue.get(value);
  }

  /** One key: its id, owner and whether it is enabled. */
  public record Entry(String keyId, String accountId, boolean enabled) {}
}
