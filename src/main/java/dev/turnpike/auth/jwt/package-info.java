/**
 * JSON Web Tokens as Cognito user pools issue them and API Gateway's {@code COGNITO_USER_POOLS}
 * authorizers check them: {@link dev.turnpike.auth.jwt.JwtKeys} (RSA public keys by {@code kid},
 * from a JWKS document or from keys), {@link dev.turnpike.auth.jwt.JwtVerifier} (RS256 signature,
 * issuer, expiry; a {@link dev.turnpike.auth.jwt.JwtResult} that says why a token was refused) and
 * {@link dev.turnpike.auth.jwt.JwtSigner} (what the local {@code cognito-idp} signs with).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). No Netty, no I/O: the clock is passed in.
 */
@NullMarked
package dev.turnpike.auth.jwt;

import org.jspecify.annotations.NullMarked;
