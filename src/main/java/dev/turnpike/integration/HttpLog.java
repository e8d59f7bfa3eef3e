package dev.turnpike.integration;

import dev.turnpike.integration.http.BackendResponse;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ExecutionTrace;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;

/**
 * The execution-log lines of an HTTP or HTTP_PROXY call, worded as API Gateway's execution logs and
 * test invocations word them (spec 2.6): the endpoint request (URI, headers, body), the response
 * (status and latency, headers, body). Nothing is built unless INFO lines are kept.
 */
final class HttpLog {
  private HttpLog() {}

  static void request(Exchange ex, URI uri, String query, HttpHeaders headers, byte[] body) {
    ExecutionTrace t = ex.executionTrace;
    if (t == null || !t.infoEnabled()) {
      return;
    }
    String url = query.isEmpty() ? uri.toString() : uri + "?" + query;
    t.info(ex, "Endpoint request URI: " + url);
    t.info(ex, "Endpoint request headers: " + ExecutionTrace.map(headers));
    t.info(ex, "Endpoint request body after transformations: " + ExecutionTrace.body(body));
    t.info(ex, "Sending request to " + url);
  }

  static void response(Exchange ex, BackendResponse response) {
    ExecutionTrace t = ex.executionTrace;
    if (t == null || !t.infoEnabled()) {
      return;
    }
    t.info(
        ex,
        "Received response. Status: "
            + response.status()
            + ", Integration latency: "
            + ex.integrationLatencyMillis
            + " ms");
    t.info(ex, "Endpoint response headers: " + ExecutionTrace.map(response.headers()));
    t.info(
        ex,
        "Endpoint response body before transformations: " + ExecutionTrace.body(response.body()));
  }

  /** A call that failed before or without an answer, with AWS's wording where it is recorded. */
  static void error(Exchange ex, String line) {
    if (ex.executionTrace != null) {
      ex.executionTrace.error(ex, line);
    }
  }
}
