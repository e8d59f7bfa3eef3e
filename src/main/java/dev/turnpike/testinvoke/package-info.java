/**
 * {@code TestInvokeMethod} on the request path: {@link dev.turnpike.testinvoke.DraftMethodTester}
 * compiles an API's current configuration with the snapshot compiler and runs one method's
 * integration through a {@link dev.turnpike.pipeline.RequestPath} without stages (no authorization,
 * API keys or throttles, as AWS tests), collecting the execution log.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.testinvoke;

import org.jspecify.annotations.NullMarked;
