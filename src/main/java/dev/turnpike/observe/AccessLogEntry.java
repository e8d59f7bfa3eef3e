package dev.turnpike.observe;

import dev.turnpike.model.ClientCertificate;
import org.jspecify.annotations.Nullable;

/**
 * The {@code $context} values of one request that the access log can show (AWS's variable names),
 * and the stage's {@code accessLogSettings.destinationArn} ({@link AccessLogGroups}).
 */
public record AccessLogEntry(
    String requestId,
    String extendedRequestId,
    String ip,
    String httpMethod,
    @Nullable String resourcePath,
    String path,
    int status,
    String protocol,
    long responseLength,
    String requestTime,
    long requestTimeEpoch,
    @Nullable String apiId,
    @Nullable String stage,
    @Nullable String accountId,
    long integrationLatency,
    long responseLatency,
    @Nullable String errorMessage,
    @Nullable String errorResponseType,
    @Nullable String format,
    @Nullable ClientCertificate clientCert,
    @Nullable Lookup authorizer,
    @Nullable String destinationArn) {

  /**
   * {@code $context.authorizer.{name}} of a request an authorizer let through ({@code principalId},
   * a context key, {@code claims.{claim}}, {@code integrationLatency}); null when it has none.
   */
  @FunctionalInterface
  public interface Lookup {
    @Nullable String value(String name);
  }

  /** An entry of a stage without an access-log destination. */
  public AccessLogEntry(
      String requestId,
      String extendedRequestId,
      String ip,
      String httpMethod,
      @Nullable String resourcePath,
      String path,
      int status,
      String protocol,
      long responseLength,
      String requestTime,
      long requestTimeEpoch,
      @Nullable String apiId,
      @Nullable String stage,
      @Nullable String accountId,
      long integrationLatency,
      long responseLatency,
      @Nullable String errorMessage,
      @Nullable String errorResponseType,
      @Nullable String format,
      @Nullable ClientCertificate clientCert,
      @Nullable Lookup authorizer) {
    this(
        requestId,
        extendedRequestId,
        ip,
        httpMethod,
        resourcePath,
        path,
        status,
        protocol,
        responseLength,
        requestTime,
        requestTimeEpoch,
        apiId,
        stage,
        accountId,
        integrationLatency,
        responseLatency,
        errorMessage,
        errorResponseType,
        format,
        clientCert,
        authorizer,
        null);
  }

  /** An entry without an authorizer. */
  public AccessLogEntry(
      String requestId,
      String extendedRequestId,
      String ip,
      String httpMethod,
      @Nullable String resourcePath,
      String path,
      int status,
      String protocol,
      long responseLength,
      String requestTime,
      long requestTimeEpoch,
      @Nullable String apiId,
      @Nullable String stage,
      @Nullable String accountId,
      long integrationLatency,
      long responseLatency,
      @Nullable String errorMessage,
      @Nullable String errorResponseType,
      @Nullable String format,
      @Nullable ClientCertificate clientCert) {
    this(
        requestId,
        extendedRequestId,
        ip,
        httpMethod,
        resourcePath,
        path,
        status,
        protocol,
        responseLength,
        requestTime,
        requestTimeEpoch,
        apiId,
        stage,
        accountId,
        integrationLatency,
        responseLatency,
        errorMessage,
        errorResponseType,
        format,
        clientCert,
        (Lookup) null);
  }

  /** An entry without a client certificate (connections that are not mutual TLS). */
  public AccessLogEntry(
      String requestId,
      String extendedRequestId,
      String ip,
      String httpMethod,
      @Nullable String resourcePath,
      String path,
      int status,
      String protocol,
      long responseLength,
      String requestTime,
      long requestTimeEpoch,
      @Nullable String apiId,
      @Nullable String stage,
      @Nullable String accountId,
      long integrationLatency,
      long responseLatency,
      @Nullable String errorMessage,
      @Nullable String errorResponseType,
      @Nullable String format) {
    this(
        requestId,
        extendedRequestId,
        ip,
        httpMethod,
        resourcePath,
        path,
        status,
        protocol,
        responseLength,
        requestTime,
        requestTimeEpoch,
        apiId,
        stage,
        accountId,
        integrationLatency,
        responseLatency,
        errorMessage,
        errorResponseType,
        format,
        null);
  }
}
