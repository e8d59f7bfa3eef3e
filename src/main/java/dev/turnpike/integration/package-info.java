/**
 * The terminal step of the request path: calls the method's integration (MOCK, HTTP_PROXY, HTTP)
 * and maps the outcome to the method response, with API Gateway's templates, header rules, timeouts
 * and 5xx mapping. Sub-packages: {@code http} (the pooled backend client and header rules), {@code
 * template} (VTL).
 *
 * <p>May use: {@code pipeline}, {@code snapshot}, {@code model}, {@code observe}, Netty.
 */
@NullMarked
package dev.turnpike.integration;

import org.jspecify.annotations.NullMarked;
