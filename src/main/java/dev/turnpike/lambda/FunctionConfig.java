package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an invoke needs to know about a function: AWS's configuration fields, resolved by the caller
 * (the control plane) to a local code directory.
 *
 * @param name the function name ({@code AWS_LAMBDA_FUNCTION_NAME})
 * @param version {@code $LATEST} or a published version number
 * @param runtime AWS's runtime identifier, e.g. {@code python3.12} or {@code provided.al2023}
 * @param handler the {@code Handler} field ({@code _HANDLER})
 * @param codeDir the unpacked code ({@code LAMBDA_TASK_ROOT})
 * @param memoryMb {@code MemorySize}, 128 to 10,240
 * @param timeoutSeconds {@code Timeout}, 1 to 900
 * @param environment the function's {@code Environment.Variables}
 * @param arn the function ARN ({@code Lambda-Runtime-Invoked-Function-Arn})
 * @param region the region the function lives in ({@code AWS_REGION})
 * @param reservedConcurrency the most instances at once; beyond it an invoke is throttled
 * @param credentials the execution role's credentials, or null for none
 * @param forwardTo the base URL of a Lambda Invoke API the function is invoked at instead of
 *     locally (its {@value #FORWARD_TAG} tag), or null
 */
public record FunctionConfig(
    String name,
    String version,
    String runtime,
    String handler,
    Path codeDir,
    int memoryMb,
    int timeoutSeconds,
    Map<String, String> environment,
    String arn,
    String region,
    int reservedConcurrency,
    @Nullable Credentials credentials,
    @Nullable String forwardTo) {

  /** The tag that keeps a function elsewhere: its value is a Lambda Invoke API's base URL. */
  public static final String FORWARD_TAG = "turnpike:forward-to";

  /** A function run locally. */
  public FunctionConfig(
      String name,
      String version,
      String runtime,
      String handler,
      Path codeDir,
      int memoryMb,
      int timeoutSeconds,
      Map<String, String> environment,
      String arn,
      String region,
      int reservedConcurrency,
      @Nullable Credentials credentials) {
    this(
        name,
        version,
        runtime,
        handler,
        codeDir,
        memoryMb,
        timeoutSeconds,
        environment,
        arn,
        region,
        reservedConcurrency,
        credentials,
        null);
  }

  /** Validates the ranges AWS enforces (CreateFunction) and copies the environment. */
  public FunctionConfig {
    requireNonNull(name, "name");
    requireNonNull(version, "version");
    requireNonNull(runtime, "runtime");
    requireNonNull(handler, "handler");
    requireNonNull(codeDir, "codeDir");
    requireNonNull(arn, "arn");
    requireNonNull(region, "region");
    environment = Map.copyOf(requireNonNull(environment, "environment"));
    if (memoryMb < 128 || memoryMb > 10_240) {
      throw new IllegalArgumentException("memoryMb: " + memoryMb + " (expected: 128 to 10240)");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 900) {
      throw new IllegalArgumentException(
          "timeoutSeconds: " + timeoutSeconds + " (expected: 1 to 900)");
    }
    if (reservedConcurrency < 0) {
      throw new IllegalArgumentException(
          "reservedConcurrency: " + reservedConcurrency + " (expected: >= 0)");
    }
  }

  /** This configuration invoked through another ARN (an alias's): the runtime is told that one. */
  public FunctionConfig invokedAs(String invokedArn) {
    return new FunctionConfig(
        name,
        version,
        runtime,
        handler,
        codeDir,
        memoryMb,
        timeoutSeconds,
        environment,
        invokedArn,
        region,
        reservedConcurrency,
        credentials,
        forwardTo);
  }

  /** This configuration with the execution role's {@code credentials}. */
  public FunctionConfig withCredentials(@Nullable Credentials credentials) {
    return new FunctionConfig(
        name,
        version,
        runtime,
        handler,
        codeDir,
        memoryMb,
        timeoutSeconds,
        environment,
        arn,
        region,
        reservedConcurrency,
        credentials,
        forwardTo);
  }

  /** The function's log group, {@code /aws/lambda/{name}}. */
  public String logGroupName() {
    return "/aws/lambda/" + name;
  }

  /** Temporary credentials handed to the function as {@code AWS_ACCESS_KEY_ID} and friends. */
  public record Credentials(
      String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
    public Credentials {
      requireNonNull(accessKeyId, "accessKeyId");
      requireNonNull(secretAccessKey, "secretAccessKey");
    }

    @Override
    public String toString() {
      return "Credentials[" + accessKeyId + ", secret hidden]";
    }
  }
}
