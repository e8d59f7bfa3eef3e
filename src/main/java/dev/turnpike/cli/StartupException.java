package dev.turnpike.cli;

/** Turnpike could not start; the message says why and what to do. */
final class StartupException extends Exception {
  private static final long serialVersionUID = 1L;

  StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
