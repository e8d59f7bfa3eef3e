/**
 * The command line (picocli) and the composition root: {@code serve} wires store, control plane,
 * snapshot publisher and listeners together; {@code version}. Nothing imports this package.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.cli;

import org.jspecify.annotations.NullMarked;
