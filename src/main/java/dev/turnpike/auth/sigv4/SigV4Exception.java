package dev.turnpike.auth.sigv4;

/**
 * Carries a {@link SigV4Error} out of the parsing helpers so the verifier reads as a list of early
 * returns. Stackless: it is control flow on the request path, not a fault.
 */
final class SigV4Exception extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient SigV4Error error;

  SigV4Exception(SigV4Error error) {
    super(error.errorType(), null, false, false);
    this.error = error;
  }

  SigV4Error error() {
    return error;
  }
}
