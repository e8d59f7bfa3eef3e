/**
 * The STS subset (Query protocol, service {@code sts}): {@code GetCallerIdentity} and {@code
 * AssumeRole} (trust policy evaluated as the role's resource policy, same- and cross-account,
 * temporary {@code ASIA…} credentials with session tokens stored in the global scope).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.sts;

import org.jspecify.annotations.NullMarked;
