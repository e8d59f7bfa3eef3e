package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/**
 * botocore {@code Model}: a named schema of a REST API. {@code schema} is the JSON Schema (draft 4)
 * as a string, as AWS stores and returns it; {@code $ref}s between models use the absolute form
 * {@code https://apigateway.amazonaws.com/restapis/{api}/models/{Name}}.
 */
public record Model(
    String id,
    String name,
    @Nullable String description,
    @Nullable String schema,
    String contentType) {}
