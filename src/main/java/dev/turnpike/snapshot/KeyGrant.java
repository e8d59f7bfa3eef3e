package dev.turnpike.snapshot;

import dev.turnpike.counters.Limiter;
import dev.turnpike.counters.UsageMeter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An enabled API key admitted to one API stage by one usage plan: what the key, throttle and quota
 * stages need, compiled once. {@code planLimiter} is the plan's per-key bucket (shared by every
 * stage of the plan); {@code methodLimiters} are the plan's per-method buckets for this stage, by
 * resource id and HTTP method.
 */
public record KeyGrant(
    String keyId,
    String maskedKey,
    String planId,
    @Nullable Limiter planLimiter,
    Map<String, Map<String, Limiter>> methodLimiters,
    UsageMeter meter) {

  /**
   * The usage-plan bucket for a method: the plan's per-method one when set, else the plan's per-key
   * one.
   */
  public @Nullable Limiter limiter(String resourceId, String httpMethod) {
    Map<String, Limiter> byMethod = methodLimiters.get(resourceId);
    if (byMethod != null) {
      Limiter l = byMethod.get(httpMethod);
      if (l != null) {
        return l;
      }
    }
    return planLimiter;
  }
}
