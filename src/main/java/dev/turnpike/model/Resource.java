package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A resource of a REST API's tree (botocore {@code Resource}). The root has no parent and no path
 * part. Methods (with their integrations) are embedded, the same way {@code
 * GetResources?embed=methods} shows them.
 */
public record Resource(
    String id,
    @Nullable String parentId,
    @Nullable String pathPart,
    String path,
    @Nullable Map<String, Method> resourceMethods) {

  public Resource withMethods(@Nullable Map<String, Method> methods) {
    return new Resource(
        id, parentId, pathPart, path, methods == null || methods.isEmpty() ? null : methods);
  }
}
