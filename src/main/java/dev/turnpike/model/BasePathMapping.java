package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * botocore {@code BasePathMapping}: {@code basePath} "(none)" is the empty base path; a null {@code stage} means
 * callers put the stage name after the base path (spec 3.1).
 */
public record BasePathMapping(String basePath, String restApiId, @Nullable String stage) {}
