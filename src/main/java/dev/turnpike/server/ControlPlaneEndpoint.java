package dev.turnpike.server;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin listener hands a control-plane request to. Implemented by the composition root
 * over the control plane, so {@code server} does not depend on {@code control}. Called off the
 * event loop.
 */
@FunctionalInterface
public interface ControlPlaneEndpoint {
  /**
   * Handles one request; never throws (errors are AWS-shaped responses). Most responses are
   * complete on return; one that waits (Lambda's {@code Invoke}) completes later, on any thread.
   */
  CompletableFuture<Response> handle(
      String method,
      String rawPath,
      String rawQuery,
      List<Map.Entry<String, String>> headers,
      byte[] body,
      String sourceIp);

  /** Status, headers and body of a control-plane response. */
  record Response(int status, Map<String, String> headers, byte[] body) {}
}
