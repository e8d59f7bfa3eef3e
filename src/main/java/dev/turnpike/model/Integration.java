package dev.turnpike.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A method's integration (botocore {@code Integration}). */
public record Integration(
    String type,
    @Nullable String httpMethod,
    @Nullable String uri,
    @Nullable String connectionType,
    @Nullable String connectionId,
    @Nullable String credentials,
    @Nullable Map<String, String> requestParameters,
    @Nullable Map<String, String> requestTemplates,
    @Nullable String passthroughBehavior,
    @Nullable String contentHandling,
    int timeoutInMillis,
    @Nullable String cacheNamespace,
    @Nullable List<String> cacheKeyParameters,
    @Nullable Map<String, IntegrationResponse> integrationResponses) {

  /** API Gateway's default and maximum integration timeout for REST APIs. */
  public static final int DEFAULT_TIMEOUT_MILLIS = 29_000;

  public Integration withIntegrationResponses(
      @Nullable Map<String, IntegrationResponse> responses) {
    return new Integration(
        type,
        httpMethod,
        uri,
        connectionType,
        connectionId,
        credentials,
        requestParameters,
        requestTemplates,
        passthroughBehavior,
        contentHandling,
        timeoutInMillis,
        cacheNamespace,
        cacheKeyParameters,
        responses);
  }
}
