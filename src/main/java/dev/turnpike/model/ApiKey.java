package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code ApiKey}. Dates are epoch seconds. {@code value} is omitted from answers unless
 * asked for.
 */
public record ApiKey(
    String id,
    @Nullable String value,
    @Nullable String name,
    @Nullable String customerId,
    @Nullable String description,
    boolean enabled,
    long createdDate,
    long lastUpdatedDate,
    List<String> stageKeys,
    @Nullable Map<String, String> tags) {

  public ApiKey {
    stageKeys = stageKeys == null ? List.of() : List.copyOf(stageKeys);
  }

  /** The same key without its value (GetApiKeys without {@code includeValues}). */
  public ApiKey withoutValue() {
    return new ApiKey(
        id,
        null,
        name,
        customerId,
        description,
        enabled,
        createdDate,
        lastUpdatedDate,
        stageKeys,
        tags);
  }
}
