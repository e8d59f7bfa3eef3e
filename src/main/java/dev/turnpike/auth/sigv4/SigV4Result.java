package dev.turnpike.auth.sigv4;

import static java.util.Objects.requireNonNull;

/** The verdict of {@link SigV4Verifier#verify}. */
public sealed interface SigV4Result permits SigV4Result.Verified, SigV4Result.Rejected {

  /**
   * The signature is valid.
   *
   * @param credential the key that signed the request
   * @param region the region named in the credential scope
   * @param service the service named in the credential scope
   */
  record Verified(Credential credential, String region, String service) implements SigV4Result {
    public Verified {
      requireNonNull(credential, "credential");
      requireNonNull(region, "region");
      requireNonNull(service, "service");
    }
  }

  /** The request is refused with {@code error}. */
  record Rejected(SigV4Error error) implements SigV4Result {
    public Rejected {
      requireNonNull(error, "error");
    }
  }
}
