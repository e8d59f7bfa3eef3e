package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** botocore {@code Deployment}. {@code apiSummary} maps resource path → method → summary. */
public record Deployment(
    String id,
    @Nullable String description,
    long createdDate,
    @Nullable Map<String, Map<String, MethodSnapshot>> apiSummary) {

  /** botocore {@code MethodSnapshot}. */
  public record MethodSnapshot(String authorizationType, boolean apiKeyRequired) {}
}
