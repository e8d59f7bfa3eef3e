package dev.turnpike.snapshot;

import dev.turnpike.counters.Limiter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one stage needs for API keys, throttling, quotas and execution logs, compiled once per
 * snapshot: grants by key value (O(1) whatever the number of keys), per-method settings by resource
 * id and HTTP method (the route match already holds both strings, so nothing is built per request),
 * and the account bucket.
 */
public record StageMetering(
    boolean apiKeyFromHeader,
    Map<String, KeyGrant> grants,
    Map<String, Map<String, MethodMetering>> methods,
    MethodMetering defaults,
    @Nullable Limiter account) {

  public static final StageMetering NONE =
      new StageMetering(true, Map.of(), Map.of(), new MethodMetering(null, LogLevel.OFF), null);

  /** The settings of a method (its own, else the stage's {@code *}/{@code *}). */
  public MethodMetering method(String resourceId, String httpMethod) {
    Map<String, MethodMetering> byMethod = methods.get(resourceId);
    if (byMethod != null) {
      MethodMetering m = byMethod.get(httpMethod);
      if (m != null) {
        return m;
      }
    }
    return defaults;
  }

  /** A method's stage throttle (null: none) and log level. */
  public record MethodMetering(@Nullable Limiter limiter, LogLevel logLevel) {}
}
