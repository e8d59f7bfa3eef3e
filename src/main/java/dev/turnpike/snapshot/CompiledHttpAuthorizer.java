package dev.turnpike.snapshot;

import dev.turnpike.oidc.JwtAuthorizer;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP API authorizer as one deployment froze it, compiled once: a {@code JWT} authorizer's
 * {@link JwtAuthorizer} (its issuer's keys shared by the process); a {@code REQUEST} (Lambda)
 * authorizer as the REST {@link CompiledAuthorizer} the {@code authorizer} package calls and caches
 * (identity sources in REST's notation, TTL 0 when unset), with its payload format version ({@code
 * 1.0} or {@code 2.0}) and whether it answers simple responses; or why it cannot run ({@code
 * problem}: its routes answer 500, never serve unprotected).
 */
public record CompiledHttpAuthorizer(
    String authorizerId,
    String name,
    String type,
    @Nullable JwtAuthorizer jwt,
    @Nullable CompiledAuthorizer lambda,
    String payloadFormatVersion,
    boolean simpleResponses,
    @Nullable String problem) {

  static CompiledHttpAuthorizer broken(String id, String name, String type, String problem) {
    return new CompiledHttpAuthorizer(id, name, type, null, null, "2.0", false, problem);
  }
}
