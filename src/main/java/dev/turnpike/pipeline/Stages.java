package dev.turnpike.pipeline;

import dev.turnpike.routing.HostClassifier;
import dev.turnpike.observe.ExecutionLog;
import java.util.List;

/**
 * The order of the REST request path, in one place, in AWS's order (spec 1.7): route (host, stage, resource,
 * method) → resource policy and IAM → API key → throttles → quota. Stages for authorization and metering join
 * this list as they land; the integration is the terminal step and runs after it.
 */
public final class Stages {
  private Stages() {}

  public static List<Stage> forRestApi(HostClassifier hosts) {
    return forRestApi(hosts, ExecutionLog.disabled());
  }

  public static List<Stage> forRestApi(HostClassifier hosts, ExecutionLog executionLog) {
    return List.of(
        new ResolveApiStage(hosts),
        new ResolveRouteStage(),
        new IamAuthorizationStage(hosts.region(), java.time.Clock.systemUTC()),
        new ApiKeyStage(executionLog),
        new UsagePlanThrottleStage(),
        new StageThrottleStage(),
        new AccountThrottleStage(),
        new QuotaStage());
  }
}
