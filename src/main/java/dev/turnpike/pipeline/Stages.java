package dev.turnpike.pipeline;

import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.routing.HostClassifier;
import java.time.Clock;
import java.util.List;

/**
 * The order of the REST request path, in one place, in AWS's order (spec 1.7): route (host, stage,
 * resource, method) → resource policy and IAM → Lambda and Cognito authorizers → API key →
 * throttles (usage plan, stage, account) → quota → request validation (parameters, then body). A
 * new stage is one class and one line here; the integration is the terminal step and runs after the
 * list ({@link RequestPath}).
 */
public final class Stages {
  private Stages() {}

  /** The path without Lambda or Cognito authorizers ({@link NoAuthorizers}): unit tests. */
  public static List<Stage> forRestApi(HostClassifier hosts) {
    return forRestApi(
        hosts,
        ExecutionLog.disabled(),
        new IamAuthorizationStage(hosts.region(), Clock.systemUTC()),
        new NoAuthorizers());
  }

  /**
   * {@code iam}: the IAM and resource-policy stage (its clock is SigV4's 5-minute window and policy
   * conditions); {@code authorizers}: the stage that runs CUSTOM and COGNITO_USER_POOLS methods'
   * authorizers (package {@code authorizer}, wired by the composition root with the same {@code
   * iam} stage, which it calls for Cognito's resource-policy step).
   */
  public static List<Stage> forRestApi(
      HostClassifier hosts,
      ExecutionLog executionLog,
      IamAuthorizationStage iam,
      Stage authorizers) {
    return List.of(
        new ResolveApiStage(hosts),
        new ResolveRouteStage(),
        iam,
        authorizers,
        new ApiKeyStage(executionLog),
        new ThrottleStage(),
        new QuotaStage(),
        new RequestValidationStage());
  }
}
