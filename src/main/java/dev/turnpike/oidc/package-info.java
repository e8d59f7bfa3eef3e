/**
 * JWT authorizers of HTTP APIs with any OpenID Connect issuer (issue 19, spec 8.7): {@link
 * dev.turnpike.oidc.IssuerKeys} (an issuer's signing keys found through {@code
 * /.well-known/openid-configuration} and its {@code jwks_uri}, fetched off the event loop, cached,
 * refreshed on an unknown {@code kid} at a bounded rate), {@link dev.turnpike.oidc.OidcKeyCache}
 * (one {@code IssuerKeys} per issuer for the whole process), {@link
 * dev.turnpike.oidc.JwtAuthorizer} (one authorizer compiled: token from the identity source, the
 * checks in AWS's order, the 401/403 answers with AWS's {@code www-authenticate}) and {@link
 * dev.turnpike.oidc.JwtOutcome} (claims and scopes for the 2.0 event, or the refusal).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). The JDK's {@code HttpClient} on an executor the composition root
 * gives; no Netty, never a blocking call: callers get a ready answer or a {@code
 * CompletableFuture}. Tokens never appear in a message or a log line.
 */
@NullMarked
package dev.turnpike.oidc;

import org.jspecify.annotations.NullMarked;
