package dev.turnpike.openapi;

/**
 * Where an imported model, request validator or authorizer gets its id. The control plane answers
 * with the id of the same-named thing when a merge keeps it, a fresh id otherwise, so a method's
 * {@code authorizerId} and {@code requestValidatorId} point at what will be stored.
 */
@FunctionalInterface
public interface IdSource {
  /** Kinds {@link #idFor} is asked about. */
  String MODEL = "model";

  String VALIDATOR = "validator";
  String AUTHORIZER = "authorizer";

  String idFor(String kind, String name);
}
