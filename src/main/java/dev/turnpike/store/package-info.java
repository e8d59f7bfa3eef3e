/**
 * Durable configuration: a document store (one JSON document per AWS resource) behind {@link
 * dev.turnpike.store.ConfigStore}, its JDBC implementation (embedded H2 by default), versioned
 * schema migrations, and the revision counter that tells the snapshot compiler something changed.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.store;

import org.jspecify.annotations.NullMarked;
