/**
 * The {@code cognito-idp} subset (JSON 1.1, {@code X-Amz-Target:
 * AWSCognitoIdentityProviderService.*}) that lets a {@code COGNITO_USER_POOLS} authorizer run
 * locally: user pools with a per-pool RS256 key, app clients, admin-created users, and {@code
 * InitiateAuth}/{@code AdminInitiateAuth} with passwords and refresh tokens. {@code InitiateAuth}
 * and the pool's JWKS document are public, as on AWS ({@link
 * dev.turnpike.control.cognito.CognitoService#unsignedRoutes}); every other operation is signed and
 * authorized like the rest of the control plane.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.cognito;

import org.jspecify.annotations.NullMarked;
