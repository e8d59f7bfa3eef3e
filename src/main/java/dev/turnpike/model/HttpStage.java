package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code apigatewayv2} {@code Stage}. The {@code $default} stage serves at the root of the
 * API's host; other stages under {@code /{stageName}}. With {@code autoDeploy}, every change to the
 * API deploys to it.
 */
public record HttpStage(
    String stageName,
    @Nullable String deploymentId,
    @Nullable String description,
    boolean autoDeploy,
    @Nullable Map<String, String> stageVariables,
    @Nullable RouteSettings defaultRouteSettings,
    @Nullable Map<String, RouteSettings> routeSettings,
    @Nullable AccessLogSettings accessLogSettings,
    @Nullable String clientCertificateId,
    @Nullable String lastDeploymentStatusMessage,
    @Nullable Boolean apiGatewayManaged,
    String createdDate,
    String lastUpdatedDate,
    @Nullable Map<String, String> tags) {

  public HttpStage withDeployment(String newDeploymentId, String updated, String statusMessage) {
    return new HttpStage(
        stageName,
        newDeploymentId,
        description,
        autoDeploy,
        stageVariables,
        defaultRouteSettings,
        routeSettings,
        accessLogSettings,
        clientCertificateId,
        statusMessage,
        apiGatewayManaged,
        createdDate,
        updated,
        tags);
  }

  public HttpStage withTags(@Nullable Map<String, String> newTags) {
    return new HttpStage(
        stageName,
        deploymentId,
        description,
        autoDeploy,
        stageVariables,
        defaultRouteSettings,
        routeSettings,
        accessLogSettings,
        clientCertificateId,
        lastDeploymentStatusMessage,
        apiGatewayManaged,
        createdDate,
        lastUpdatedDate,
        newTags);
  }

  /**
   * botocore {@code RouteSettings}: throttles per stage ({@code defaultRouteSettings}) or route.
   */
  public record RouteSettings(
      @Nullable Boolean dataTraceEnabled,
      @Nullable Boolean detailedMetricsEnabled,
      @Nullable String loggingLevel,
      @Nullable Integer throttlingBurstLimit,
      @Nullable Double throttlingRateLimit) {}

  /** botocore {@code AccessLogSettings} (v2). */
  public record AccessLogSettings(@Nullable String destinationArn, @Nullable String format) {}
}
