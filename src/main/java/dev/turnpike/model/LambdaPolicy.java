package dev.turnpike.model;

/**
 * A Lambda function's resource policy as GetPolicy returns it: the policy document (JSON text with
 * {@code Version}, {@code Id: "default"} and the statements AddPermission added) and the revision
 * it had when last changed.
 */
public record LambdaPolicy(String functionName, String policy, String revisionId) {}
