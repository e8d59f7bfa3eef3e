package dev.turnpike.auth.sigv4;

import org.jspecify.annotations.Nullable;

/**
 * Looks up an access key id. Called on the request path: implementations answer from memory (a
 * snapshot), never by blocking I/O.
 */
@FunctionalInterface
public interface CredentialResolver {

  /** Returns the credential for {@code accessKeyId}, or null when no such key exists. */
  @Nullable Credential resolve(String accessKeyId);
}
