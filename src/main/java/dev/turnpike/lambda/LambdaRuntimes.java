package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How each AWS runtime identifier starts a process. {@code provided.al2}/{@code provided.al2023}
 * run the function's own executable {@code bootstrap} from the code directory; {@code python3.x}
 * and {@code nodejs18.x}-{@code nodejs22.x} run the bootstraps Turnpike ships (standard library
 * only); {@code java17}/{@code java21} run AWS's runtime interface client, unmodified, on the JVM
 * Turnpike runs on, which loads the handler from the code directory and its {@code lib/*.jar}
 * itself (its class loader reads the working directory, the code directory here, as on AWS).
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html
 */
final class LambdaRuntimes {
  /** The client's entry point: {@code AWSLambda <handler>}. */
  static final String JAVA_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  /** The client's own switch for a JNI library to load instead of extracting one to /tmp. */
  static final String JNI_PROPERTY =
      "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

  private final Path python;
  private final Supplier<Path> node;
  private final Path java;
  private final RuntimeFiles files;

  /**
   * @param python the interpreter that runs {@code python3.x} functions
   * @param node the {@code node} that runs {@code nodejs*} functions (asked for at the first start)
   * @param java the {@code java} launcher for {@code java17}/{@code java21} functions
   * @param files the runtimes' extracted files
   */
  LambdaRuntimes(Path python, Supplier<Path> node, Path java, RuntimeFiles files) {
    this.python = requireNonNull(python, "python");
    this.node = requireNonNull(node, "node");
    this.java = requireNonNull(java, "java");
    this.files = requireNonNull(files, "files");
  }

  private static final Pattern PYTHON = Pattern.compile("python3\\.\\d+");
  private static final Pattern NODE = Pattern.compile("nodejs\\d+\\.x");

  /**
   * Whether Turnpike knows how to start {@code runtime} (without starting anything). Asked on every
   * invoke, so the patterns are compiled once.
   */
  static boolean supported(String runtime) {
    return runtime.equals("provided.al2")
        || runtime.equals("provided.al2023")
        || runtime.equals("provided")
        || PYTHON.matcher(runtime).matches()
        || NODE.matcher(runtime).matches()
        || runtime.equals("java17")
        || runtime.equals("java21");
  }

  /** The process to start, or empty for a runtime Turnpike does not run. */
  Optional<List<String>> command(FunctionConfig f) {
    String r = f.runtime();
    if (!supported(r)) {
      return Optional.empty();
    }
    if (r.startsWith("provided")) {
      return Optional.of(List.of(f.codeDir().resolve("bootstrap").toString()));
    }
    if (r.startsWith("python3.")) {
      // -u: unbuffered output, so print() lines reach the log before END.
      return Optional.of(List.of(python.toString(), "-u", files.pythonBootstrap().toString()));
    }
    if (r.startsWith("nodejs")) {
      return Optional.of(List.of(node.get().toString(), files.nodeBootstrap().toString()));
    }
    return Optional.of(javaCommand(f));
  }

  /**
   * AWS's Java 17/21 launch: C1 only ({@code TieredStopAtLevel=1}), the serial collector, class
   * data sharing when available; the heap bounded by the function's memory as the sandbox bounds it
   * on AWS. {@code JAVA_TOOL_OPTIONS} from the function's environment still applies (the JVM reads
   * it), as on AWS.
   */
  private List<String> javaCommand(FunctionConfig f) {
    List<String> c = new ArrayList<>();
    c.add(java.toString());
    c.add("-XX:+TieredCompilation");
    c.add("-XX:TieredStopAtLevel=1");
    c.add("-XX:+UseSerialGC");
    c.add("-Xshare:auto");
    c.add("-XX:MaxHeapSize=" + Math.max(64, f.memoryMb() * 85 / 100) + "m");
    c.add("-Djava.net.preferIPv4Stack=true");
    Path jni = files.javaNativeClient();
    if (jni != null) {
      c.add("-D" + JNI_PROPERTY + "=" + jni);
    }
    c.add("-cp");
    c.add(files.javaClassPath().stream().map(Path::toString).collect(Collectors.joining(":")));
    c.add(JAVA_MAIN);
    c.add(f.handler());
    return c;
  }

  /**
   * Variables a runtime sets beyond {@link ExecutionEnvironment}'s, unless the function sets them
   * itself: Node's {@code NODE_PATH} ends with the code directory (AWS's ends with {@code
   * /var/task}), so a module anywhere can {@code require} what the zip has at its root.
   */
  static Map<String, String> environment(FunctionConfig f) {
    if (f.runtime().startsWith("nodejs") && !f.environment().containsKey("NODE_PATH")) {
      return Map.of("NODE_PATH", f.codeDir().toString());
    }
    return Map.of();
  }

  /** {@code LAMBDA_RUNTIME_DIR}: where the runtime's own files live. */
  Path runtimeDir(FunctionConfig f) {
    String r = f.runtime();
    Path file;
    if (r.startsWith("python3.")) {
      file = files.pythonBootstrap();
    } else if (r.startsWith("nodejs")) {
      file = files.nodeBootstrap();
    } else if (r.startsWith("java")) {
      file = files.javaClassPath().get(0);
    } else {
      return f.codeDir();
    }
    return requireNonNull(file.getParent(), "runtime dir");
  }

  /** {@code AWS_EXECUTION_ENV}: {@code AWS_Lambda_{runtime}}, unset for custom runtimes. */
  static Optional<String> executionEnv(FunctionConfig f) {
    return f.runtime().startsWith("provided")
        ? Optional.empty()
        : Optional.of("AWS_Lambda_" + f.runtime());
  }
}
