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

  /** Stops the warm instances of every version of a function (it is gone, or its limit changed). */
  void retire(String functionName);

  /** Stops the warm instances of one version ({@code $LATEST}'s code or configuration changed). */
  void retire(String functionName, String version);

  @Override
  void close();
}
