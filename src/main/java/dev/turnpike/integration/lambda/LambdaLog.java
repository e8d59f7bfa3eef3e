package dev.turnpike.integration.lambda;

import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ExecutionTrace;
import java.nio.charset.StandardCharsets;

/**
 * The execution-log lines of a Lambda integration, worded as API Gateway's CloudWatch execution
 * logs word them (so the troubleshooting articles' searches find them); bodies cut at 1,000
 * characters with {@code [TRUNCATED]}, as AWS cuts them.
 */
final class LambdaLog {
  private static final int BODY_CHARS = 1000;

  private LambdaLog() {}

  static void request(Exchange ex, LambdaTarget target, byte[] event) {
    ExecutionTrace t = ex.executionTrace;
    if (t == null) {
      return;
    }
    t.info(ex, "Endpoint request URI: " + target.invokeUrl());
    t.info(ex, "Endpoint request body after transformations: " + truncated(event));
    t.info(ex, "Sending request to " + target.invokeUrl());
  }

  static void response(Exchange ex, InvokeResult r) {
    ExecutionTrace t = ex.executionTrace;
    if (t == null) {
      return;
    }
    int status = r.outcome() == InvokeResult.Outcome.THROTTLED ? 429 : 200;
    t.info(
        ex,
        "Received response. Status: "
            + status
            + ", Integration latency: "
            + ex.integrationLatencyMillis
            + " ms");
    t.info(ex, "Endpoint response body before transformations: " + truncated(r.payload()));
  }

  static void error(Exchange ex, String line) {
    if (ex.executionTrace != null) {
      ex.executionTrace.error(ex, line);
    }
  }

  private static String truncated(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    return text.length() <= BODY_CHARS ? text : text.substring(0, BODY_CHARS) + " [TRUNCATED]";
  }
}
