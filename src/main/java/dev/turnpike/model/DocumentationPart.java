package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * botocore {@code DocumentationPart}: documentation ({@code properties}, a JSON document kept as
 * the string it was given) attached to one place of a REST API.
 */
public record DocumentationPart(String id, Location location, String properties) {
  /** botocore {@code DocumentationPartLocation}. */
  public record Location(
      String type,
      @Nullable String path,
      @Nullable String method,
      @Nullable String statusCode,
      @Nullable String name) {}
}
