package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * A Lambda function's resource policy as GetPolicy returns it: the policy document (JSON text with
 * {@code Version}, {@code Id: "default"} and the statements AddPermission added) and the revision
 * it had when last changed. Each version and alias has its own ({@code qualifier}); the unqualified
 * function's (null) governs {@code $LATEST}.
 */
public record LambdaPolicy(
    String functionName, String policy, String revisionId, @Nullable String qualifier) {

  /** The invocation target this policy governs: {@code name} or {@code name:qualifier}. */
  public String target() {
    return qualifier == null ? functionName : functionName + ":" + qualifier;
  }
}
