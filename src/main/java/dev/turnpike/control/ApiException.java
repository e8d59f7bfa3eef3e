package dev.turnpike.control;

/**
 * An AWS control-plane error: HTTP status, {@code x-amzn-ErrorType} and a message a person can act
 * on. The static factories are the error types the {@code apigateway} model declares.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String errorType;

  public ApiException(int status, String errorType, String message) {
    super(message, null, false, false);
    this.status = status;
    this.errorType = errorType;
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, "BadRequestException", message);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, "NotFoundException", message);
  }

  public static ApiException conflict(String message) {
    return new ApiException(409, "ConflictException", message);
  }

  public static ApiException limitExceeded(String message) {
    return new ApiException(429, "LimitExceededException", message);
  }

  /** Never null: every constructor takes a message. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }

  public int status() {
    return status;
  }

  public String errorType() {
    return errorType;
  }
}
