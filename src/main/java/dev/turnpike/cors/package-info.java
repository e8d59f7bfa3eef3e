/**
 * CORS for HTTP APIs (spec 6.11, issue 19): {@link dev.turnpike.cors.CorsRules} (an API's {@code
 * corsConfiguration} compiled once per snapshot: the gateway's own answer to a preflight, the
 * headers added to every other response, which backend {@code access-control-*} headers to drop),
 * {@link dev.turnpike.cors.CorsHeaders} (the header pairs to write) and {@link
 * dev.turnpike.cors.CorsValidation} (what the {@code apigatewayv2} control plane accepts).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it): {@code model} only. No Netty: the request path copies the pairs into
 * its own header type.
 */
@NullMarked
package dev.turnpike.cors;

import org.jspecify.annotations.NullMarked;
