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
    @Nullable Integer reservedConcurrentExecutions,
    @Nullable String version,
    @Nullable Integer lastPublishedVersion) {

  /** {@code $LATEST}, or the published version's number. */
  public String versionName() {
    return version == null ? "$LATEST" : version;
  }

  /** The highest version number published so far (0: none). */
  public int publishedCount() {
    return lastPublishedVersion == null ? 0 : lastPublishedVersion;
  }

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
        reserved,
        version,
        lastPublishedVersion);
  }

  /** Version {@code number} as PublishVersion freezes it from this {@code $LATEST}. */
  public LambdaFunction asVersion(int number, String versionDescription, String newRevisionId) {
    return new LambdaFunction(
        functionName,
        runtime,
        role,
        handler,
        codeSize,
        codeSha256,
        versionDescription,
        timeout,
        memorySize,
        environment,
        tags,
        lastModified,
        newRevisionId,
        codeRevision,
        null,
        Integer.toString(number),
        null);
  }

  /** This {@code $LATEST} after publishing version {@code number}. */
  public LambdaFunction withLastPublished(int number) {
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
        revisionId,
        codeRevision,
        reservedConcurrentExecutions,
        version,
        number);
  }
}
