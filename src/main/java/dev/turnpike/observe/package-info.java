/**
 * Request identity and records of what happened: request ids in AWS's formats, the access log
 * ({@code $context} variables as JSON lines, or a stage's own {@code accessLogSettings.format}),
 * metrics ({@link dev.turnpike.observe.Metrics}: Micrometer, Prometheus text on the admin
 * listener).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.observe;

import org.jspecify.annotations.NullMarked;
