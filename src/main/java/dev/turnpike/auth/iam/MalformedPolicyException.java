package dev.turnpike.auth.iam;

/**
 * A policy document that IAM would refuse with {@code MalformedPolicyDocument}; the message says
 * why.
 */
public final class MalformedPolicyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MalformedPolicyException(String message) {
    super(message, null, false, false);
  }

  /** Never null: every constructor takes a message. */
  @Override
  public String getMessage() {
    return String.valueOf(super.getMessage());
  }
}
