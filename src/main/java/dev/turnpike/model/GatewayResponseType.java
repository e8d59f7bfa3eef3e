package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * API Gateway's gateway response types for REST APIs, with their default status, {@code
 * x-amzn-ErrorType} and default message (spec 1.4, from AWS's "Gateway response types" page and
 * recorded responses). This is the one catalog of AWS's gateway errors: the control plane lists it,
 * the data plane renders from it.
 */
public enum GatewayResponseType {
  ACCESS_DENIED(403, "AccessDeniedException", "Forbidden"),
  API_CONFIGURATION_ERROR(500, "InternalServerErrorException", "Internal server error"),
  // Recorded (spec 8.4): x-amzn-ErrorType AuthorizerConfigurationException, body {"message":null}.
  AUTHORIZER_CONFIGURATION_ERROR(500, "AuthorizerConfigurationException", "null"),
  AUTHORIZER_FAILURE(500, "InternalServerErrorException", "Internal server error"),
  BAD_REQUEST_PARAMETERS(400, "BadRequestException", "Bad request parameters"),
  BAD_REQUEST_BODY(400, "BadRequestException", "Invalid request body"),
  DEFAULT_4XX(null, null, null),
  DEFAULT_5XX(null, null, null),
  EXPIRED_TOKEN(
      403, "ExpiredTokenException", "The security token included in the request is expired"),
  INTEGRATION_FAILURE(504, "InternalServerErrorException", "Internal server error"),
  INTEGRATION_TIMEOUT(504, "InternalServerErrorException", "Endpoint request timed out"),
  INVALID_API_KEY(403, "ForbiddenException", "Forbidden"),
  INVALID_SIGNATURE(403, "InvalidSignatureException", "Forbidden"),
  MISSING_AUTHENTICATION_TOKEN(
      403, "MissingAuthenticationTokenException", "Missing Authentication Token"),
  QUOTA_EXCEEDED(429, "LimitExceededException", "Limit Exceeded"),
  REQUEST_TOO_LARGE(413, "RequestTooLargeException", "Request Too Long"),
  RESOURCE_NOT_FOUND(404, "NotFoundException", "Not Found"),
  THROTTLED(429, "TooManyRequestsException", "Too Many Requests"),
  UNAUTHORIZED(401, "UnauthorizedException", "Unauthorized"),
  UNSUPPORTED_MEDIA_TYPE(415, "BadRequestException", "Unsupported Media Type"),
  WAF_FILTERED(403, "ForbiddenException", "Forbidden");

  /** The default template of every type: {@code {"message":$context.error.messageString}}. */
  public static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";

  private final @Nullable Integer defaultStatus;
  private final @Nullable String errorType;
  private final @Nullable String defaultMessage;

  GatewayResponseType(
      @Nullable Integer defaultStatus,
      @Nullable String errorType,
      @Nullable String defaultMessage) {
    this.defaultStatus = defaultStatus;
    this.errorType = errorType;
    this.defaultMessage = defaultMessage;
  }

  /** The built-in status; null for DEFAULT_4XX/DEFAULT_5XX, which have none. */
  public @Nullable Integer defaultStatus() {
    return defaultStatus;
  }

  public String errorType() {
    return errorType == null ? "" : errorType;
  }

  public String defaultMessage() {
    return defaultMessage == null ? "" : defaultMessage;
  }

  /**
   * DEFAULT_4XX or DEFAULT_5XX by the built-in status class; null for the two parents themselves.
   */
  public @Nullable GatewayResponseType parent() {
    if (defaultStatus == null) {
      return null;
    }
    return defaultStatus >= 500 ? DEFAULT_5XX : DEFAULT_4XX;
  }

  /** Looks a type up by name; null when AWS has no such type. */
  public static @Nullable GatewayResponseType parse(String name) {
    for (GatewayResponseType t : values()) {
      if (t.name().equals(name)) {
        return t;
      }
    }
    return null;
  }
}
