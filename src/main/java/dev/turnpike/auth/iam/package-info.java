/**
 * The IAM policy language: parsing and validation ({@link dev.turnpike.auth.iam.PolicyParser},
 * errors as {@link dev.turnpike.auth.iam.MalformedPolicyException}), a policy compiled once into
 * immutable matchers ({@link dev.turnpike.auth.iam.CompiledPolicy}), evaluation of one request
 * ({@link dev.turnpike.auth.iam.Verdict}) and the combination of identity and resource policies per
 * AWS's same-account and cross-account tables ({@link dev.turnpike.auth.iam.Authorization}).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it). No Netty, no I/O: evaluation runs on the event loop and must not
 * allocate much or block.
 */
@NullMarked
package dev.turnpike.auth.iam;

import org.jspecify.annotations.NullMarked;
