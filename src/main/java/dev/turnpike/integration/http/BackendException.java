package dev.turnpike.integration.http;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A failed backend call. {@link #failure()} says why; the message names the backend by scheme, host
 * and port only, never by path or query, which may carry secrets.
 */
public final class BackendException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final BackendFailure failure;

  /** Creates an exception for {@code failure} with a message and an optional cause. */
  public BackendException(BackendFailure failure, String message, @Nullable Throwable cause) {
    // No stack trace: it would show only event-loop frames, and timeouts are frequent under load.
    super(message, cause, false, false);
    this.failure = requireNonNull(failure, "failure");
  }

  /** Creates an exception for {@code failure} without a cause. */
  public BackendException(BackendFailure failure, String message) {
    this(failure, message, null);
  }

  /** Why the call failed. */
  public BackendFailure failure() {
    return failure;
  }
}
