package dev.turnpike.snapshot;

import dev.turnpike.oidc.JwtAuthorizer;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API authorizer as one deployment froze it, compiled once: a {@code JWT} authorizer's
 * {@link JwtAuthorizer} (its issuer's keys shared by the process), or why it cannot run ({@code
 * problem}: the route answers 500, never serves unprotected).
 */
public record CompiledHttpAuthorizer(
    String authorizerId,
    String name,
    String type,
    @Nullable JwtAuthorizer jwt,
    @Nullable String problem) {

  static CompiledHttpAuthorizer broken(String id, String name, String type, String problem) {
    return new CompiledHttpAuthorizer(id, name, type, null, problem);
  }
}
