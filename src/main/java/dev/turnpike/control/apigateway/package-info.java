/**
 * The {@code apigateway} (REST API, v1) operations: one {@code *Operations} class per resource
 * family, each registering its routes with {@link
 * dev.turnpike.control.apigateway.ApiGatewayService}.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.apigateway;

import org.jspecify.annotations.NullMarked;
