package dev.turnpike.pipeline;

import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.routing.HostClassifier;
import java.time.Clock;
import java.util.List;
import org.jspecify.annotations.Nullable;

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

  /**
   * The order of the HTTP API (apigatewayv2) request path, after {@link ResolveApiStage} handed the
   * exchange over ({@link HttpApiEntry}): route (404 when none) → authorization ({@code AWS_IAM}
   * through the same {@code iam} stage; JWT; Lambda authorizers refused with 500 on this path
   * without one) → throttles (route or stage, then account). No API keys, usage plans or quotas:
   * HTTP APIs have none.
   */
  public static List<Stage> forHttpApi(IamAuthorizationStage iam) {
    return forHttpApi(iam, null);
  }

  /**
   * The HTTP API stages: route → authorization ({@code AWS_IAM}, {@code JWT}, {@code CUSTOM}
   * through {@code lambdaAuthorizer}; null: such routes answer 500) → throttles.
   */
  public static List<Stage> forHttpApi(
      IamAuthorizationStage iam, @Nullable Stage lambdaAuthorizer) {
    return List.of(
        new HttpRouteStage(),
        new HttpAuthorizationStage(iam, lambdaAuthorizer),
        new HttpThrottleStage());
  }
}
