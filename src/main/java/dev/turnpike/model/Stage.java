package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** botocore {@code Stage}. Dates are epoch seconds. */
public record Stage(
    String stageName,
    String deploymentId,
    @Nullable String description,
    @Nullable String clientCertificateId,
    boolean cacheClusterEnabled,
    @Nullable String cacheClusterStatus,
    @Nullable Map<String, MethodSetting> methodSettings,
    @Nullable Map<String, String> variables,
    @Nullable String documentationVersion,
    @Nullable AccessLogSettings accessLogSettings,
    boolean tracingEnabled,
    @Nullable Map<String, String> tags,
    long createdDate,
    long lastUpdatedDate) {

  public Stage withTags(@Nullable Map<String, String> newTags) {
    return new Stage(
        stageName,
        deploymentId,
        description,
        clientCertificateId,
        cacheClusterEnabled,
        cacheClusterStatus,
        methodSettings,
        variables,
        documentationVersion,
        accessLogSettings,
        tracingEnabled,
        newTags,
        createdDate,
        lastUpdatedDate);
  }

  public Stage withDeployment(String newDeploymentId, long updatedDate) {
    return new Stage(
        stageName,
        newDeploymentId,
        description,
        clientCertificateId,
        cacheClusterEnabled,
        cacheClusterStatus,
        methodSettings,
        variables,
        documentationVersion,
        accessLogSettings,
        tracingEnabled,
        tags,
        createdDate,
        updatedDate);
  }

  /** botocore {@code AccessLogSettings}. */
  public record AccessLogSettings(@Nullable String format, @Nullable String destinationArn) {}
}
