package dev.turnpike.snapshot;

import org.jspecify.annotations.Nullable;

/**
 * A method ready to serve: its authorization settings and compiled integration (null when none is
 * set).
 */
public record CompiledMethod(
    String httpMethod,
    String resourcePath,
    String authorizationType,
    boolean apiKeyRequired,
    @Nullable CompiledIntegration integration) {}
