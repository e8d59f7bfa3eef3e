/**
 * The immutable, precompiled view of configuration that the request path reads: {@link
 * dev.turnpike.snapshot.GatewaySnapshot}, the compiler that builds it from the store, and the
 * publisher that swaps it atomically whenever the store's revision moves. Everything a request
 * needs is looked up here, never in the store.
 *
 * <p>May use: {@code model}, {@code routing}, {@code store} (read), {@code tls} (custom domains'
 * server contexts are compiled into the snapshot once per change), {@code template} (compiled
 * mapping templates are part of the snapshot).
 */
@NullMarked
package dev.turnpike.snapshot;

import org.jspecify.annotations.NullMarked;
