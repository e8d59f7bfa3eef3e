package dev.turnpike.pipeline;

import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.routing.HostClassifier;
import java.time.Clock;
import java.util.List;

/**
 * The order of the REST request path, in one place, in AWS's order (spec 1.7): route (host, stage,
 * resource, method) → resource policy and IAM → API key → throttles (usage plan, stage, account) →
 * quota. A new stage is one class and one line here; the integration is the terminal step and runs
 * after the list ({@link RequestPath}).
 */
public final class Stages {
  private Stages() {}

  public static List<Stage> forRestApi(HostClassifier hosts) {
    return forRestApi(hosts, ExecutionLog.disabled(), Clock.systemUTC());
  }

  /** {@code clock}: the wall clock of SigV4's 5-minute window and policy conditions. */
  public static List<Stage> forRestApi(
      HostClassifier hosts, ExecutionLog executionLog, Clock clock) {
    return List.of(
        new ResolveApiStage(hosts),
        new ResolveRouteStage(),
        new IamAuthorizationStage(hosts.region(), clock),
        new AuthorizerStage(),
        new ApiKeyStage(executionLog),
        new ThrottleStage(),
        new QuotaStage());
  }
}
