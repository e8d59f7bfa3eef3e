/**
 * Troubleshooting checks with OK/WARN/FAIL findings, each with a fix and a knowledge-base article:
 * {@code limits} and {@code access} answered by the server from its live snapshot, {@code domain}
 * run in the CLI process (DNS with dnsjava, a real TLS handshake), because its lookups block.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). Never {@code server}, {@code pipeline}, {@code control} or {@code
 * store}.
 */
@NullMarked
package dev.turnpike.doctor;

import org.jspecify.annotations.NullMarked;
