package dev.turnpike.template;

import static java.util.Objects.requireNonNull;

/**
 * A mapping template could not be compiled or rendered. The message names the template and, where
 * known, the line and column; it is meant for execution logs and {@code turnpike explain}, never
 * for the client (API Gateway answers such failures with a 500 {@code Internal server error}).
 */
public final class TemplateException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message a person can act on. */
  public TemplateException(String message) {
    super(requireNonNull(message, "message"));
  }

  /** Creates an exception with a message a person can act on and the underlying cause. */
  public TemplateException(String message, Throwable cause) {
    super(requireNonNull(message, "message"), requireNonNull(cause, "cause"));
  }
}
