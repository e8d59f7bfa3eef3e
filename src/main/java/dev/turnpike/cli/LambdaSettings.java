package dev.turnpike.cli;

import dev.turnpike.lambda.EventRetries;
import dev.turnpike.lambda.FunctionDirectory;

/**
 * How {@code serve} runs Lambda functions.
 *
 * @param localExecution whether functions run on this host ({@code --lambda-runtime})
 * @param concurrency the most instances of one function version at once ({@code
 *     --lambda-concurrency})
 * @param retries how Event invocations are retried ({@code --lambda-retry-delay})
 */
record LambdaSettings(boolean localExecution, int concurrency, EventRetries retries) {
  static final LambdaSettings DEFAULT =
      new LambdaSettings(true, FunctionDirectory.DEFAULT_CONCURRENCY, EventRetries.AWS);
}
