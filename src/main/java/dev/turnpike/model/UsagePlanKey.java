package dev.turnpike.model;

import org.jspecify.annotations.Nullable;

/** botocore {@code UsagePlanKey}: stored as {id, type}; answers add the key's value and name. */
public record UsagePlanKey(String id, String type, @Nullable String value, @Nullable String name) {}
