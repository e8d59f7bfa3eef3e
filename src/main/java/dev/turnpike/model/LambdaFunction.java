package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stored Lambda function ({@code lambda-function} document): its configuration, as
 * GetFunctionConfiguration names the members, and the directory revision its unpacked code lives
 * in.
 */
public record LambdaFunction(
    String functionName,
    String runtime,
    String role,
    String handler,
    long codeSize,
    String codeSha256,
    String description,
    int timeout,
    int memorySize,
    @Nullable Map<String, String> environment,
    @Nullable Map<String, String> tags,
    String lastModified,
    String revisionId,
    String codeRevision) {}
