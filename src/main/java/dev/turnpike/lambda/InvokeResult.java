package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one invoke, as the Invoke API reports it.
 *
 * @param requestId the {@code START RequestId} ({@code x-amzn-RequestId})
 * @param outcome what happened
 * @param payload the response body: the function's result, or the error object
 * @param functionError {@code X-Amz-Function-Error} ({@code Unhandled}), or null on success
 * @param logTail the invocation's log lines, the last 4 KB ({@code X-Amz-Log-Result} before base64)
 * @param durationMs the invocation's duration (REPORT {@code Duration})
 * @param initDurationMs the cold start's duration, or null on a warm instance or a throttle
 */
@SuppressWarnings("ArrayRecordComponent") // bytes handed over once, never shared or compared
public record InvokeResult(
    String requestId,
    Outcome outcome,
    byte[] payload,
    @Nullable String functionError,
    String logTail,
    double durationMs,
    @Nullable Double initDurationMs) {

  /** {@code X-Amz-Function-Error} for errors the runtime reported and for timeouts and exits. */
  public static final String UNHANDLED = "Unhandled";

  /** What ended the invoke. */
  public enum Outcome {
    /** The function returned. */
    SUCCESS,
    /** The function (or its runtime's init) reported an error; still HTTP 200 with the payload. */
    FUNCTION_ERROR,
    /** {@code Sandbox.Timedout}: the instance was killed. */
    TIMEOUT,
    /** {@code Runtime.ExitError}: the process exited mid-invocation. */
    EXIT_ERROR,
    /**
     * No instance free within the concurrency limit: AWS's 429 {@code TooManyRequestsException}.
     */
    THROTTLED
  }

  /**
   * What an {@code Event} invocation answers its caller at once: queued, no payload, nothing run
   * yet (duration NaN).
   */
  public static InvokeResult queued() {
    return new InvokeResult(
        java.util.UUID.randomUUID().toString(),
        Outcome.SUCCESS,
        new byte[0],
        null,
        "",
        Double.NaN,
        null);
  }

  public InvokeResult {
    requireNonNull(requestId, "requestId");
    requireNonNull(outcome, "outcome");
    requireNonNull(payload, "payload");
    requireNonNull(logTail, "logTail");
  }

  /** The payload as UTF-8 text. */
  public String payloadText() {
    return new String(payload, StandardCharsets.UTF_8);
  }
}
