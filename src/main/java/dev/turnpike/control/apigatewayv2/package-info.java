/**
 * The {@code apigatewayv2} operations Turnpike serves (REST-JSON under {@code /v2/...}, signed for
 * the service {@code apigateway} like v1, so they share v1's route table): custom domain names and
 * API mappings, over the same documents v1 manages ({@link dev.turnpike.control.domain}). HTTP and
 * WebSocket APIs are not served yet; their operations belong here, and API mappings look up their
 * targets in {@code DomainMappings}.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.apigatewayv2;

import org.jspecify.annotations.NullMarked;
