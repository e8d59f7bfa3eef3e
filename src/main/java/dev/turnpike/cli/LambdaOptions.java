package dev.turnpike.cli;

import dev.turnpike.lambda.EventRetries;
import dev.turnpike.lambda.FunctionDirectory;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code serve}'s Lambda options (a picocli mixin; each also reads {@code TURNPIKE_<NAME>}). */
final class LambdaOptions {
  @Option(
      names = "--lambda-runtime",
      defaultValue = "${env:TURNPIKE_LAMBDA_RUNTIME:-on}",
      description =
          "on: functions run as local processes on this host (default); off: functions can be"
              + " created and configured, and every invoke fails (nothing runs here).")
  String runtime = "on";

  @Option(
      names = "--lambda-concurrency",
      defaultValue = "${env:TURNPIKE_LAMBDA_CONCURRENCY:-10}",
      description =
          "The most instances of one function version at once, unless the function reserves its"
              + " own (default: ${DEFAULT-VALUE}); beyond it an invoke is throttled (429).")
  int concurrency = FunctionDirectory.DEFAULT_CONCURRENCY;

  @Option(
      names = "--lambda-retry-delay",
      defaultValue = "${env:TURNPIKE_LAMBDA_RETRY_DELAY:-PT1M}",
      description =
          "The wait before a failed Event invocation's first retry, ISO-8601 (default: PT1M, as"
              + " Lambda; the second retry waits twice as long).")
  Duration retryDelay = Duration.ofMinutes(1);

  /** What these options say, or an exception naming the option that is wrong. */
  LambdaSettings settings() {
    if (!runtime.equals("on") && !runtime.equals("off")) {
      throw new IllegalArgumentException("--lambda-runtime: on or off, not " + runtime);
    }
    if (concurrency < 1 || concurrency > 1000) {
      throw new IllegalArgumentException("--lambda-concurrency: 1 to 1000, not " + concurrency);
    }
    if (retryDelay.isNegative()) {
      throw new IllegalArgumentException("--lambda-retry-delay: not negative");
    }
    return new LambdaSettings(
        runtime.equals("on"), concurrency, EventRetries.AWS.withFirstRetry(retryDelay));
  }
}
