package dev.turnpike.control.lambda;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.lambda.DisabledLambdaInvoker;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.LambdaAlias;
import dev.turnpike.model.LambdaFunction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Invoke ({@code POST /2015-03-31/functions/{FunctionName}/invocations}, spec 9.1). A synchronous
 * invoke answers {@link ControlResponse#deferred later}: the control thread only looks the function
 * up and hands the payload to the invoker, so a slow function never holds other control-plane calls
 * behind it.
 */
final class InvokeOperation {
  private static final int LOG_TAIL_BYTES = 4096;

  /** Lambda's synchronous payload limit (6 MB), checked before anything runs. */
  static final int MAX_SYNC_PAYLOAD = 6_291_456;

  /** The asynchronous ({@code Event}) limit, as botocore documents it today. */
  static final int MAX_EVENT_PAYLOAD = 1_048_576;

  private static final byte[] EMPTY_EVENT = {'{', '}'};

  private final StoredFunctions functions;
  private final LambdaInvoker invoker;
  private final FunctionDirectory directory;

  InvokeOperation(StoredFunctions functions, LambdaInvoker invoker, FunctionDirectory directory) {
    this.functions = functions;
    this.invoker = invoker;
    this.directory = directory;
  }

  ControlResponse invoke(ApiCall call) {
    StoredFunctions.Target target = functions.resolve(call);
    LambdaFunction f = target.config();
    LambdaAlias alias = target.alias();
    if (alias != null) {
      String version = alias.pickVersion(ThreadLocalRandom.current().nextDouble());
      LambdaFunction picked = functions.configOf(call.accountId(), target.latest(), version);
      f = picked == null ? f : picked;
    }
    if (!invoker.runsFunctions()) {
      // As Lambda answers a function it cannot run: 500 ServiceException, nothing invoked.
      throw new ApiException(500, "ServiceException", DisabledLambdaInvoker.REASON);
    }
    String type = call.header("X-Amz-Invocation-Type");
    boolean tail = "Tail".equals(call.header("X-Amz-Log-Type"));
    if (type == null) {
      type = "RequestResponse";
    }
    FunctionConfig config = directory.config(f, target.latest(), call.accountId(), call.region());
    if (alias != null) { // the runtime sees the ARN it was invoked by
      config = config.invokedAs(StoredFunctions.arn(call, f.functionName()) + ":" + alias.name());
    }
    String executed = f.versionName();
    byte[] payload = call.rawBody();
    if (payload.length == 0) {
      payload = EMPTY_EVENT; // AWS: an invoke without a payload hands the function {}
    }
    switch (type) {
      case "DryRun":
        return ControlResponse.empty(204);
      case "Event":
        checkSize(payload, MAX_EVENT_PAYLOAD);
        // Queued and retried on failure as Lambda does; the answer carries the event's request id.
        String requestId = invoker.invokeEvent(config, payload);
        return new ControlResponse(
            202,
            Map.of("X-Amz-Executed-Version", executed, "x-amzn-RequestId", requestId),
            new byte[0]);
      case "RequestResponse":
        break;
      default:
        throw LambdaInputs.invalidParameter(
            "1 validation error detected: Value '"
                + type
                + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum"
                + " value set: [RequestResponse, Event, DryRun]");
    }
    checkSize(payload, MAX_SYNC_PAYLOAD);
    return ControlResponse.deferred(
        invoker.invoke(config, payload).thenApply(r -> reply(r, tail, executed)));
  }

  private static void checkSize(byte[] payload, int limit) {
    if (payload.length > limit) {
      throw new ApiException(
          413,
          "RequestEntityTooLargeException",
          "Request must be smaller than " + limit + " bytes for the InvokeFunction operation");
    }
  }

  private static ControlResponse reply(InvokeResult r, boolean tail, String executed) {
    if (r.outcome() == InvokeResult.Outcome.THROTTLED) {
      // AWS: a function at its concurrency limit answers 429 TooManyRequestsException.
      throw new ApiException(429, "TooManyRequestsException", "Rate Exceeded.");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("X-Amz-Executed-Version", executed);
    headers.put("x-amzn-RequestId", r.requestId());
    if (r.outcome() != InvokeResult.Outcome.SUCCESS) {
      headers.put(
          "X-Amz-Function-Error",
          r.functionError() == null ? InvokeResult.UNHANDLED : r.functionError());
    }
    if (tail) {
      headers.put("X-Amz-Log-Result", logResult(r.logTail()));
    }
    return new ControlResponse(200, headers, r.payload());
  }

  /** Base64 of the last 4 KB of the log, as Lambda's {@code X-Amz-Log-Result}. */
  static String logResult(String log) {
    byte[] bytes = log.getBytes(StandardCharsets.UTF_8);
    int from = Math.max(0, bytes.length - LOG_TAIL_BYTES);
    return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, from, bytes.length));
  }
}
