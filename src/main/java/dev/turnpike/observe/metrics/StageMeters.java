package dev.turnpike.observe.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Every meter of one API stage, registered once when the stage's first request finishes. Recording
 * is increments and histogram updates on meters held in final fields: no lookup by name or tag, no
 * allocation.
 */
public final class StageMeters {
  /** The throttle level that refused a request (spec 2.3's order). */
  public enum ThrottleLevel {
    PLAN,
    STAGE,
    ACCOUNT
  }

  /** How a Lambda integration's invoke ended. */
  public enum LambdaOutcome {
    /** The function ran and returned a result (a proxy response, valid or not). */
    RETURNED,
    /** The function raised an error, timed out or exited. */
    FUNCTION_ERROR,
    /** Refused at the function's concurrency limit: not an invocation. */
    THROTTLED
  }

  /**
   * Histogram bucket bounds of both latencies: API Gateway's latencies run from a millisecond
   * (MOCK) to the 29-second integration timeout.
   */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(29)
  };

  private final Counter requests;
  private final Counter clientErrors;
  private final Counter serverErrors;
  private final Timer latency;
  private final Timer integrationLatency;
  private final Counter throttledPlan;
  private final Counter throttledStage;
  private final Counter throttledAccount;
  private final Counter quotaExceeded;
  private final Counter lambdaInvocations;
  private final Counter lambdaErrors;
  private final Counter lambdaThrottles;
  private final Timer lambdaDuration;
  final MinuteSeries minutes = new MinuteSeries();

  StageMeters(MeterRegistry registry, String apiId, String stage) {
    Tags tags = Tags.of("api_id", apiId, "stage", stage);
    requests = counter(registry, "turnpike.api.requests", "Requests (AWS: Count)", tags);
    clientErrors =
        counter(
            registry, "turnpike.api.4xx.errors", "Replies with a 4XX status (AWS: 4XXError)", tags);
    serverErrors =
        counter(
            registry, "turnpike.api.5xx.errors", "Replies with a 5XX status (AWS: 5XXError)", tags);
    latency =
        timer(
            registry,
            "turnpike.api.latency",
            "From the request's arrival to its reply (AWS: Latency)",
            tags);
    integrationLatency =
        timer(
            registry,
            "turnpike.api.integration.latency",
            "From calling the integration to its answer (AWS: IntegrationLatency)",
            tags);
    String throttled = "Requests refused 429 by a throttle, by the level that refused";
    throttledPlan =
        counter(registry, "turnpike.api.throttled", throttled, tags.and("level", "plan"));
    throttledStage =
        counter(registry, "turnpike.api.throttled", throttled, tags.and("level", "stage"));
    throttledAccount =
        counter(registry, "turnpike.api.throttled", throttled, tags.and("level", "account"));
    quotaExceeded =
        counter(
            registry,
            "turnpike.api.quota.exceeded",
            "Requests refused 429 because the key's usage plan quota was used up",
            tags);
    lambdaInvocations =
        counter(
            registry,
            "turnpike.lambda.invocations",
            "Lambda integrations invoked (not counting throttled invokes)",
            tags);
    lambdaErrors =
        counter(
            registry,
            "turnpike.lambda.errors",
            "Lambda invocations that raised an error, timed out or exited",
            tags);
    lambdaThrottles =
        counter(
            registry,
            "turnpike.lambda.throttles",
            "Lambda invokes refused at the function's concurrency limit",
            tags);
    lambdaDuration =
        timer(
            registry,
            "turnpike.lambda.duration",
            "Lambda invocations, from the invoke to its result",
            tags);
  }

  private static Counter counter(
      MeterRegistry registry, String name, String description, Tags tags) {
    return Counter.builder(name).description(description).tags(tags).register(registry);
  }

  private static Timer timer(MeterRegistry registry, String name, String description, Tags tags) {
    return Timer.builder(name)
        .description(description)
        .tags(tags)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  /**
   * One finished request that arrived at {@code epochMillis}: its status, its latency and, when the
   * integration was called ({@code integrationLatencyMillis >= 0}), the integration's.
   */
  public void request(
      long epochMillis, int status, long latencyNanos, long integrationLatencyMillis) {
    minutes.record(
        epochMillis,
        status,
        latencyNanos / 1000,
        integrationLatencyMillis < 0 ? -1 : integrationLatencyMillis * 1000);
    requests.increment();
    if (status >= 500) {
      serverErrors.increment();
    } else if (status >= 400) {
      clientErrors.increment();
    }
    latency.record(latencyNanos, TimeUnit.NANOSECONDS);
    if (integrationLatencyMillis >= 0) {
      integrationLatency.record(integrationLatencyMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** A request refused 429 by the throttle at {@code level}. */
  public void throttled(ThrottleLevel level) {
    switch (level) {
      case PLAN -> throttledPlan.increment();
      case STAGE -> throttledStage.increment();
      case ACCOUNT -> throttledAccount.increment();
    }
  }

  /** A request refused 429 because its key's quota was used up. */
  public void quotaExceeded() {
    quotaExceeded.increment();
  }

  /**
   * A Lambda integration's invoke that took {@code durationMillis} and ended as {@code outcome}.
   */
  public void lambda(LambdaOutcome outcome, long durationMillis) {
    if (outcome == LambdaOutcome.THROTTLED) {
      lambdaThrottles.increment();
      return;
    }
    lambdaInvocations.increment();
    if (outcome == LambdaOutcome.FUNCTION_ERROR) {
      lambdaErrors.increment();
    }
    lambdaDuration.record(durationMillis, TimeUnit.MILLISECONDS);
  }
}
