package dev.turnpike.lambda;

import dev.turnpike.model.LambdaFunction;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where functions' code lives and how a stored function becomes what an invoke needs: the one place
 * both the control plane's {@code Invoke} and the data plane's Lambda integrations (through the
 * snapshot) build a {@link FunctionConfig}, so both run the same function the same way.
 *
 * @param root each function's unpacked code, as {@code {root}/{name}/{codeRevision}}
 * @param concurrency the most instances of one function at once ({@code serve
 *     --lambda-concurrency}); beyond it an invoke is throttled
 */
public record FunctionDirectory(Path root, int concurrency) {
  /** Lambda's default concurrency for a function without a reservation, on one Turnpike host. */
  public static final int DEFAULT_CONCURRENCY = 10;

  public FunctionDirectory {
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: >= 1)");
    }
  }

  /** The directory of one code revision of a function. */
  public Path codeDir(String functionName, String codeRevision) {
    return root.resolve(functionName).resolve(codeRevision);
  }

  /**
   * The configuration of {@code f} ({@code $LATEST} or a published version) as an invoke runs it:
   * its reserved concurrency when one is set (0 throttles every invoke, as on AWS), else this
   * directory's per-function limit. A version's ARN carries its number.
   */
  public FunctionConfig config(LambdaFunction f, String accountId, String region) {
    return config(f, f, accountId, region);
  }

  /**
   * As {@link #config(LambdaFunction, String, String)} for a version of {@code latest}: the
   * reservation is the function's, shared by its versions.
   */
  public FunctionConfig config(
      LambdaFunction f, LambdaFunction latest, String accountId, String region) {
    Integer reserved = latest.reservedConcurrentExecutions();
    Map<String, String> environment = f.environment();
    String arn = arn(region, accountId, f.functionName());
    return new FunctionConfig(
        f.functionName(),
        f.versionName(),
        f.runtime(),
        f.handler(),
        codeDir(f.functionName(), f.codeRevision()),
        f.memorySize(),
        f.timeout(),
        environment == null ? Map.of() : environment,
        f.version() == null ? arn : arn + ":" + f.version(),
        region,
        reserved == null ? concurrency : reserved,
        null,
        f.tags() == null ? null : f.tags().get(FunctionConfig.FORWARD_TAG));
  }

  /** {@code arn:aws:lambda:{region}:{account}:function:{name}}. */
  public static String arn(String region, String accountId, String functionName) {
    return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + functionName;
  }
}
