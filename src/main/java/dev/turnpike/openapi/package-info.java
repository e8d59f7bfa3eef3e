/**
 * OpenAPI import and export for REST APIs (spec section 10): Swagger 2.0 and OpenAPI 3.0 documents,
 * JSON or YAML, read into the {@code model} records the control plane stores ({@link
 * dev.turnpike.openapi.OpenApiImporter}), and a deployed API written back as either ({@link
 * dev.turnpike.openapi.OpenApiExporter}). No store, no I/O: the control plane commits what this
 * package returns in one write.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.openapi;

import org.jspecify.annotations.NullMarked;
