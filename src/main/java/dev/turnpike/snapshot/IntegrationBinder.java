package dev.turnpike.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * Finds the implementation of an integration type ({@code MOCK}, {@code HTTP}, {@code HTTP_PROXY},
 * …) while a deployment is compiled. Supplied by the composition root ({@code
 * integration.IntegrationRegistry}).
 */
@FunctionalInterface
public interface IntegrationBinder {
  /**
   * Binds no type: every integration answers as one Turnpike cannot call (500, as AWS for a broken
   * one).
   */
  IntegrationBinder NONE = type -> null;

  /** The implementation of {@code type}, or null when Turnpike does not serve that type. */
  @Nullable BoundIntegration bind(String type);
}
