package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A stored Lambda function ({@code lambda-function} document): its configuration, as
 * GetFunctionConfiguration names the members, and the directory revision its unpacked code lives
 * in; {@code reservedConcurrentExecutions} is what PutFunctionConcurrency set (null: none).
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
    String codeRevision,
    @Nullable Integer reservedConcurrentExecutions) {

  /** This function with {@code reserved} concurrent executions (null: none reserved). */
  public LambdaFunction withReservedConcurrency(@Nullable Integer reserved, String newRevisionId) {
    return new LambdaFunction(
        functionName,
        runtime,
        role,
        handler,
        codeSize,
        codeSha256,
        description,
        timeout,
        memorySize,
        environment,
        tags,
        lastModified,
        newRevisionId,
        codeRevision,
        reserved);
  }
}
