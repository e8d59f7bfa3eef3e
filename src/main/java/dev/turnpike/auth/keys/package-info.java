/**
 * API keys as the data plane sees them: masking for logs (the full value never leaves this
 * package's callers in a log line).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). No Netty, no I/O.
 */
@NullMarked
package dev.turnpike.auth.keys;

import org.jspecify.annotations.NullMarked;
