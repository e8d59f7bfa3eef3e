package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code UsagePlan}. {@code quotaSetAt} (epoch seconds when the quota was last set) is
 * ours: it fixes the "initial time period" that {@code quota.offset} applies to; answers leave it
 * out ({@link #view()}).
 */
public record UsagePlan(
    String id,
    String name,
    @Nullable String description,
    List<ApiStage> apiStages,
    @Nullable ThrottleSettings throttle,
    @Nullable QuotaSettings quota,
    @Nullable String productCode,
    @Nullable Map<String, String> tags,
    @Nullable Long quotaSetAt) {

  public UsagePlan {
    apiStages = apiStages == null ? List.of() : List.copyOf(apiStages);
  }

  /** The plan as the control plane answers it. */
  public UsagePlan view() {
    return new UsagePlan(
        id, name, description, apiStages, throttle, quota, productCode, tags, null);
  }

  /**
   * botocore {@code ApiStage}: an API stage in the plan, with per-method throttles keyed {@code
   * /path/METHOD}.
   */
  public record ApiStage(
      String apiId, String stage, @Nullable Map<String, ThrottleSettings> throttle) {}

  /** botocore {@code ThrottleSettings}. */
  public record ThrottleSettings(@Nullable Integer burstLimit, @Nullable Double rateLimit) {}

  /** botocore {@code QuotaSettings}; period is DAY, WEEK or MONTH. */
  public record QuotaSettings(
      @Nullable Integer limit, @Nullable Integer offset, @Nullable String period) {}
}
