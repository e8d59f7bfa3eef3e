package dev.turnpike.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * {@code serve --lambda-runtime off}: functions can be created and configured, but nothing runs on
 * this host. Every invoke fails with {@link #REASON}; callers check {@link #runsFunctions()} first
 * and answer as AWS answers a function that cannot run.
 */
public final class DisabledLambdaInvoker implements LambdaInvoker {
  public static final String REASON =
      "Turnpike runs no functions on this host (serve --lambda-runtime off)";

  @Override
  public boolean runsFunctions() {
    return false;
  }

  @Override
  public CompletableFuture<InvokeResult> invoke(
      FunctionConfig function, byte[] payload, InvokeOptions options) {
    return CompletableFuture.failedFuture(new IllegalStateException(REASON));
  }

  @Override
  public void retire(String functionName) {}

  @Override
  public void retire(String functionName, String version) {}

  @Override
  public void close() {}
}
