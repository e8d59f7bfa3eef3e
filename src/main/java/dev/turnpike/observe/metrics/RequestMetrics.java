package dev.turnpike.observe.metrics;

import dev.turnpike.observe.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request metrics per API id and stage: where the request path finds the {@link StageMeters} of a
 * finished exchange's stage.
 *
 * <p>Labels are the API id and the stage name and nothing else (never paths, keys or callers), and
 * the request path asks only for stages that exist in its snapshot; an exchange that reached no API
 * stage counts in one unlabelled counter. A stage's meters are registered when its first request
 * finishes and found after that with two lock-free map reads keyed by strings whose hashes are
 * cached: recording allocates nothing.
 */
public final class RequestMetrics {
  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, StageMeters>> byApi =
      new ConcurrentHashMap<>();
  private final Counter unresolved;

  public RequestMetrics(Metrics metrics) {
    this.registry = metrics.registry();
    this.unresolved =
        Counter.builder("turnpike.unresolved.requests")
            .description(
                "Requests that reached no API stage (unknown host, API or stage, or no base path"
                    + " mapping)")
            .register(registry);
  }

  /** The meters of one stage, registered on first use (once per API stage, not per request). */
  public StageMeters stage(String apiId, String stage) {
    ConcurrentHashMap<String, StageMeters> stages = byApi.get(apiId);
    if (stages == null) {
      stages = byApi.computeIfAbsent(apiId, id -> new ConcurrentHashMap<>());
    }
    StageMeters m = stages.get(stage);
    if (m == null) {
      m = stages.computeIfAbsent(stage, s -> new StageMeters(registry, apiId, s));
    }
    return m;
  }

  /** One stage's per-minute aggregates, as the CloudWatch metrics API reads them. */
  public record StageSeries(String apiId, String stage, MinuteSeries minutes) {}

  /** Every stage that has served a request since start (control thread). */
  public java.util.List<StageSeries> stages() {
    java.util.List<StageSeries> out = new java.util.ArrayList<>();
    byApi.forEach(
        (apiId, stages) ->
            stages.forEach((stage, m) -> out.add(new StageSeries(apiId, stage, m.minutes))));
    return out;
  }

  /** Counts a request that reached no API stage. */
  public void unresolved() {
    unresolved.increment();
  }
}
