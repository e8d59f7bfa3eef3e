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

  /**
   * As {@link #invoke(FunctionConfig, byte[])}, for a caller on an event loop that wants the answer
   * the moment the function gives it: the future may complete on the Runtime API's event loop, so
   * the caller hops back to its own loop (for instance with {@code whenCompleteAsync(..., loop)})
   * and runs nothing blocking in between; and the result's {@code logTail} is empty (the function's
   * log lines are written after the answer).
   */
  default CompletableFuture<InvokeResult> invokeFromEventLoop(
      FunctionConfig function, byte[] payload) {
    return invoke(function, payload);
  }

  /** Whether functions run at all ({@code serve --lambda-runtime off} says they do not). */
  default boolean runsFunctions() {
    return true;
  }

  /**
   * Queues an asynchronous ({@code Event}) invocation and returns its request id at once. The local
   * invoker retries a failed event as Lambda does ({@link EventRetries}); this default runs it
   * once.
   */
  default String invokeEvent(FunctionConfig function, byte[] payload) {
    String requestId = java.util.UUID.randomUUID().toString();
    invoke(function, payload, InvokeOptions.NONE.withRequestId(requestId));
    return requestId;
  }

  /** Stops the warm instances of every version of a function (it is gone, or its limit changed). */
  void retire(String functionName);

  /** Stops the warm instances of one version ({@code $LATEST}'s code or configuration changed). */
  void retire(String functionName, String version);

  @Override
  void close();
}
