package dev.turnpike.openapi;

/**
 * A document API Gateway refuses as a whole: the message is the reason AWS gives in its 400 {@code
 * BadRequestException}. Nothing of such a document is imported.
 */
public final class OpenApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** AWS's text for a body that is neither JSON nor YAML, or not an OpenAPI document. */
  public static final String INVALID_INPUT = "Invalid OpenAPI input.";

  public OpenApiException(String message) {
    super(message, null, false, false);
  }

  /** The reason, as AWS words it. */
  public String reason() {
    String m = getMessage();
    return m == null ? INVALID_INPUT : m;
  }

  static OpenApiException invalidInput() {
    return new OpenApiException(INVALID_INPUT);
  }
}
