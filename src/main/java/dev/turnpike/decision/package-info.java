/**
 * Decision records ("passports"): why each exchange ended as it did. The stage that decides stamps
 * a {@link dev.turnpike.decision.Cause} (naming the knowledge-base article that explains it) and at
 * most one small typed fact; the finished exchange becomes one immutable {@link
 * dev.turnpike.decision.DecisionRecord} in the lock-free {@link
 * dev.turnpike.decision.DecisionRing}. Text is made only off the request path: JSON lines by the
 * spill thread of {@link dev.turnpike.decision.DecisionLog} ({@link
 * dev.turnpike.decision.DecisionJson}, the one list of a record's fields), plain words by {@link
 * dev.turnpike.decision.DecisionStory} for {@code turnpike explain}.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). Used by {@code pipeline} (stamping), {@code integration} and {@code
 * server} (finishing), {@code control.admin} and the CLI (reading); it must not use any of them.
 */
@NullMarked
package dev.turnpike.decision;

import org.jspecify.annotations.NullMarked;
