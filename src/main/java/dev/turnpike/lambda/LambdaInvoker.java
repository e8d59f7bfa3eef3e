package dev.turnpike.lambda;

import java.util.concurrent.CompletableFuture;

/**
 * Invokes a function synchronously ({@code RequestResponse}). What the Lambda integration, the
 * authorizers and the control plane's {@code Invoke} call; the local implementation is {@link
 * LocalLambdaInvoker}.
 */
public interface LambdaInvoker extends AutoCloseable {

  /**
   * Runs {@code payload} through the function. The future completes off any event loop, and only
   * normally: failures (throttle, timeout, exit) are {@link InvokeResult.Outcome}s, as AWS answers
   * them with a payload rather than an exception.
   */
  default CompletableFuture<InvokeResult> invoke(FunctionConfig function, byte[] payload) {
    return invoke(function, payload, InvokeOptions.NONE);
  }

  /** As {@link #invoke(FunctionConfig, byte[])}, with a client context or Cognito identity. */
  CompletableFuture<InvokeResult> invoke(
      FunctionConfig function, byte[] payload, InvokeOptions options);

  /** Stops the warm instances of a function (its code or configuration changed, or it is gone). */
  void retire(String functionName);

  @Override
  void close();
}
