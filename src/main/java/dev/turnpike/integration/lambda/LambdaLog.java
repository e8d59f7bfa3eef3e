package dev.turnpike.integration.lambda;

import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ExecutionTrace;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The execution-log lines of a Lambda integration, worded as API Gateway's CloudWatch execution
 * logs word them (so the troubleshooting articles' searches find them); bodies cut at 1,000
 * characters with {@code [TRUNCATED]}, as AWS cuts them.
 */
final class LambdaLog {
  private LambdaLog() {}

  static void request(Exchange ex, LambdaTarget target, String region, byte[] event) {
    ExecutionTrace t = ex.executionTrace;
    if (t == null || !t.infoEnabled()) {
      return;
    }
    t.info(ex, "Endpoint request URI: " + target.invokeUrl());
    String apiId = ex.api().apiId();
    // The headers API Gateway sends Lambda that say where the call came from (its signature and
    // session token are not made here: the invoke is local).
    t.info(
        ex,
        "Endpoint request headers: "
            + ExecutionTrace.map(
                List.of(
                    Map.entry("x-amzn-lambda-integration-tag", ex.requestId),
                    Map.entry("x-amzn-apigateway-api-id", apiId),
                    Map.entry("X-Amz-Source-Arn", LambdaPermission.sourceArn(ex, region)),
                    Map.entry("Accept", "application/json"),
                    Map.entry("User-Agent", "AmazonAPIGateway_" + apiId))));
    t.info(ex, "Endpoint request body after transformations: " + truncated(event));
    t.info(ex, "Sending request to " + target.invokeUrl());
  }

  static void response(Exchange ex, InvokeResult r, String executedVersion) {
    ExecutionTrace t = ex.executionTrace;
    if (t == null || !t.infoEnabled()) {
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
    if (status == 200) {
      t.info(
          ex,
          "Endpoint response headers: "
              + ExecutionTrace.map(
                  List.of(
                      Map.entry(
                          "Date",
                          DateTimeFormatter.RFC_1123_DATE_TIME.format(
                              ZonedDateTime.now(ZoneOffset.UTC))),
                      Map.entry("Content-Type", "application/json"),
                      Map.entry("Content-Length", r.payload().length),
                      Map.entry("Connection", "keep-alive"),
                      Map.entry("x-amzn-RequestId", r.requestId()),
                      Map.entry("x-amzn-Remapped-Content-Length", 0),
                      Map.entry("X-Amz-Executed-Version", executedVersion),
                      Map.entry("X-Amzn-Trace-Id", ex.traceId()))));
    }
    t.info(ex, "Endpoint response body before transformations: " + truncated(r.payload()));
  }

  static void error(Exchange ex, String line) {
    if (ex.executionTrace != null) {
      ex.executionTrace.error(ex, line);
    }
  }

  private static String truncated(byte[] body) {
    return ExecutionTrace.body(body);
  }
}
