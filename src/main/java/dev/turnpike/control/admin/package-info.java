/**
 * Turnpike's own administrative operations (credential-scope service {@code turnpike}), for the
 * installation's administrator only (the root of the {@code default} account): {@code POST
 * /accounts} creates an account, used by {@code turnpike account create} while the server runs.
 *
 * <p>May use: {@code control}, {@code model}, {@code store}.
 */
@NullMarked
package dev.turnpike.control.admin;

import org.jspecify.annotations.NullMarked;
