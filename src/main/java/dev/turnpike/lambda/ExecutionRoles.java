package dev.turnpike.lambda;

import org.jspecify.annotations.Nullable;

/**
 * Where an instance's credentials come from: Lambda hands each execution environment temporary
 * credentials of the function's execution role ({@code AWS_ACCESS_KEY_ID}, {@code
 * AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}). Asked on the invoker's threads when an
 * instance starts, never on an event loop; it may block.
 */
public interface ExecutionRoles {
  /** No credentials: the function starts without any (tests, and before the control plane runs). */
  ExecutionRoles NONE = f -> null;

  /** The credentials an instance of {@code function} starts with, or null when none can be had. */
  FunctionConfig.@Nullable Credentials credentials(FunctionConfig function);
}
