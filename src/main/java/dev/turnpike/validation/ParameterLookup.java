package dev.turnpike.validation;

/** The request's parameters as the request path holds them. */
@FunctionalInterface
public interface ParameterLookup {
  /** Whether the request carries the parameter with a non-empty value. */
  boolean present(RequiredParameter.Location location, String name);
}
