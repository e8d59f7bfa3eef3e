package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/** botocore {@code MethodSetting}: per-method (or {@code *}/{@code *}) stage settings. */
public record MethodSetting(
    boolean metricsEnabled,
    @Nullable String loggingLevel,
    boolean dataTraceEnabled,
    int throttlingBurstLimit,
    double throttlingRateLimit,
    boolean cachingEnabled,
    int cacheTtlInSeconds,
    boolean cacheDataEncrypted,
    boolean requireAuthorizationForCacheControl,
    @Nullable String unauthorizedCacheControlHeaderStrategy) {}
