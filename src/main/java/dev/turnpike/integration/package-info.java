/**
 * The terminal step of the request path: calls the method's integration (MOCK, HTTP_PROXY, HTTP)
 * and maps the outcome to the method response, with API Gateway's templates, header rules, timeouts
 * and 5xx mapping. Sub-packages: {@code http} (the pooled backend client and header rules), {@code
 * template} (VTL).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.integration;

import org.jspecify.annotations.NullMarked;
