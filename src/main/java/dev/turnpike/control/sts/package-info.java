/**
 * The STS subset (Query protocol, service {@code sts}): {@code GetCallerIdentity} and {@code
 * AssumeRole} (trust policy evaluated as the role's resource policy, same- and cross-account,
 * temporary {@code ASIA…} credentials with session tokens stored in the global scope).
 *
 * <p>May use: {@code control}, {@code control.iam}, {@code model}, {@code store}, {@code auth.iam}.
 */
@NullMarked
package dev.turnpike.control.sts;

import org.jspecify.annotations.NullMarked;
