/**
 * The IAM subset (AWS Query protocol, service {@code iam}): users, access keys, inline and managed
 * policies, roles with trust policies; {@link dev.turnpike.control.iam.QueryProtocol} (form
 * decoding, XML responses and {@code ErrorResponse} errors, shared with {@code sts}); {@link
 * dev.turnpike.control.iam.IamAccess} (identity-policy authorization of control-plane calls by
 * non-administrators).
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.iam;

import org.jspecify.annotations.NullMarked;
