package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** botocore {@code MethodResponse}. */
public record MethodResponse(
    String statusCode,
    @Nullable Map<String, Boolean> responseParameters,
    @Nullable Map<String, String> responseModels) {}
