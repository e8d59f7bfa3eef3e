/**
 * Custom domain names as both control-plane APIs manage them: {@code apigateway} (v1 DomainName,
 * BasePathMapping) and {@code apigatewayv2} (DomainName, ApiMapping) read and write the same {@code
 * domain-name} and {@code base-path-mapping} documents, so a domain created through one API is
 * seen, routed and deleted through the other. This package is the one home of the rules both apply
 * (name syntax, security policy, certificate checks, mapping keys, mapping targets); each API keeps
 * its own wire shapes and AWS's wording of its errors.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.domain;

import org.jspecify.annotations.NullMarked;
