package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code IntegrationResponse}: maps a backend outcome (by {@code selectionPattern}) to a
 * method response.
 */
public record IntegrationResponse(
    String statusCode,
    @Nullable String selectionPattern,
    @Nullable Map<String, String> responseParameters,
    @Nullable Map<String, String> responseTemplates,
    @Nullable String contentHandling) {}
