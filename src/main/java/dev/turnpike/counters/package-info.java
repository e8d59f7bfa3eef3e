/**
 * Token buckets, quota periods and per-key usage meters behind one {@link
 * dev.turnpike.counters.Counters} interface. The local implementation is lock-free (one CAS per
 * check) and keeps its state outside the snapshot, so counts survive snapshot swaps; a shared
 * (Redis) implementation can follow by answering {@link dev.turnpike.counters.Limiter#tryAcquire()}
 * from locally leased tokens refilled in the background.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). Never {@code store} or {@code control} (ArchitectureTest).
 */
@NullMarked
package dev.turnpike.counters;

import org.jspecify.annotations.NullMarked;
