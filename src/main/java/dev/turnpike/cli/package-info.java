/**
 * The command line (picocli) and the composition root: {@code serve} wires store, control plane,
 * snapshot publisher and listeners together; {@code version}. Nothing imports this package.
 *
 * <p>May use: anything.
 */
@NullMarked
package dev.turnpike.cli;

import org.jspecify.annotations.NullMarked;
