/**
 * Turnpike's own administrative operations (credential-scope service {@code turnpike}), for the
 * installation's administrator only (the root of the {@code default} account): {@code POST
 * /accounts} creates an account, used by {@code turnpike account create} while the server runs.
 *
 * <p>May use: what its row in the package table of {@code docs/architecture.md} grants ({@code
 * ArchitectureTest} holds it).
 */
@NullMarked
package dev.turnpike.control.admin;

import org.jspecify.annotations.NullMarked;
