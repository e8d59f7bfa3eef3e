/**
 * Token buckets, quota periods and per-key usage meters behind one {@link
 * dev.turnpike.counters.Counters} interface. The local implementation is lock-free (one CAS per
 * check) and keeps its state outside the snapshot, so counts survive snapshot swaps; the shared one
 * ({@link dev.turnpike.counters.RedisCounters}) answers {@link
 * dev.turnpike.counters.Limiter#tryAcquire()} from tokens leased from Redis by one background
 * thread, so the request path never calls Redis.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). Never {@code store} or {@code control} (ArchitectureTest).
 */
@NullMarked
package dev.turnpike.counters;

import org.jspecify.annotations.NullMarked;
