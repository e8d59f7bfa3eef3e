package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How each AWS runtime identifier starts a process. {@code provided.al2}/{@code provided.al2023}
 * run the function's own executable {@code bootstrap} from the code directory; {@code python3.x}
 * runs the bootstrap Turnpike ships ({@code lambda/python/bootstrap.py}, stdlib only). Node and
 * Java are one more case each here.
 *
 * <p>AWS: https://docs.aws.amazon.com/lambda/latest/dg/runtimes-custom.html
 */
final class LambdaRuntimes {
  private final Path python;
  private final Path pythonBootstrap;

  /**
   * @param python the interpreter that runs {@code python3.x} functions
   * @param pythonBootstrap Turnpike's Python bootstrap, extracted to a file
   */
  LambdaRuntimes(Path python, Path pythonBootstrap) {
    this.python = requireNonNull(python, "python");
    this.pythonBootstrap = requireNonNull(pythonBootstrap, "pythonBootstrap");
  }

  /** The process to start, or empty for a runtime Turnpike does not run yet. */
  Optional<List<String>> command(FunctionConfig f) {
    String r = f.runtime();
    if (r.equals("provided.al2") || r.equals("provided.al2023") || r.equals("provided")) {
      return Optional.of(List.of(f.codeDir().resolve("bootstrap").toString()));
    }
    if (r.startsWith("python3.")) {
      // -u: unbuffered output, so print() lines reach the log before END.
      return Optional.of(List.of(python.toString(), "-u", pythonBootstrap.toString()));
    }
    return Optional.empty();
  }

  /** {@code LAMBDA_RUNTIME_DIR}: where the runtime's own files live. */
  Path runtimeDir(FunctionConfig f) {
    if (f.runtime().startsWith("python3.")) {
      return requireNonNull(pythonBootstrap.getParent(), "bootstrap dir");
    }
    return f.codeDir();
  }

  /** {@code AWS_EXECUTION_ENV}: {@code AWS_Lambda_{runtime}}, unset for custom runtimes. */
  static Optional<String> executionEnv(FunctionConfig f) {
    return f.runtime().startsWith("provided")
        ? Optional.empty()
        : Optional.of("AWS_Lambda_" + f.runtime());
  }
}
