/**
 * The immutable, precompiled view of configuration that the request path reads: {@link
 * dev.turnpike.snapshot.GatewaySnapshot}, the compiler that builds it from the store, and the
 * publisher that swaps it atomically whenever the store's revision moves. Everything a request
 * needs is looked up here, never in the store.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.snapshot;

import org.jspecify.annotations.NullMarked;
