package dev.turnpike.tls;

/**
 * A certificate or key that cannot be used, with a message a person can act on (ACM's wording where
 * known).
 */
public final class TlsException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsException(String message) {
    super(message);
  }

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Never null: every constructor takes a message. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
