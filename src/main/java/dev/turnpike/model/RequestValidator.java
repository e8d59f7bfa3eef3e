package dev.turnpike.model;

/** botocore {@code RequestValidator}: what a method's validation checks. */
public record RequestValidator(
    String id, String name, boolean validateRequestBody, boolean validateRequestParameters) {}
