package dev.turnpike.lambda;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables a runtime expects, and nothing of Turnpike's own process. The
 * function's {@code Environment.Variables} come first so that AWS's reserved names win over them.
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
 */
final class ExecutionEnvironment {
  /** Lambda's own {@code PATH}; the runtimes' interpreters are started by absolute path. */
  static final String PATH = "/usr/local/bin:/usr/bin:/bin:/opt/bin";

  private static final DateTimeFormatter STREAM_DATE = DateTimeFormatter.ofPattern("yyyy/MM/dd");

  private ExecutionEnvironment() {}

  /** {@code 2019/06/07/[$LATEST]e6f4a0c4…}: the date, the version, the instance's token. */
  static String logStreamName(LocalDate today, String version, String instanceId) {
    return STREAM_DATE.format(today) + "/[" + version + "]" + instanceId;
  }

  static Map<String, String> of(
      FunctionConfig f,
      String runtimeApi,
      Path runtimeDir,
      String logStreamName,
      Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>(f.environment());
    env.putAll(extra);
    env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
    env.put("_HANDLER", f.handler());
    env.put("LAMBDA_TASK_ROOT", f.codeDir().toString());
    env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", f.name());
    env.put("AWS_LAMBDA_FUNCTION_VERSION", f.version());
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memoryMb()));
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", f.logGroupName());
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", logStreamName);
    env.put("AWS_REGION", f.region());
    env.put("AWS_DEFAULT_REGION", f.region());
    LambdaRuntimes.executionEnv(f).ifPresent(v -> env.put("AWS_EXECUTION_ENV", v));
    // Every instance is started by an invoke (no provisioned concurrency, no SnapStart); the Java
    // client reads it to tell a SnapStart restore from a normal init.
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("TZ", ":UTC");
    env.put("LANG", "en_US.UTF-8");
    env.put("PATH", PATH);
    FunctionConfig.Credentials c = f.credentials();
    if (c != null) {
      env.put("AWS_ACCESS_KEY_ID", c.accessKeyId());
      env.put("AWS_SECRET_ACCESS_KEY", c.secretAccessKey());
      String token = c.sessionToken();
      if (token != null) {
        env.put("AWS_SESSION_TOKEN", token);
      }
    }
    return env;
  }
}
