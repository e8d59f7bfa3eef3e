package dev.turnpike.control.apigateway;

import static java.util.Objects.requireNonNull;

import dev.turnpike.model.DeployedApi;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs one method of an API's current configuration as the data plane would, for {@code
 * TestInvokeMethod}: the control plane finds the method and freezes the configuration; the request
 * path (wired by the runtime) runs the integration. Its future completes off the control thread,
 * which never waits on it ({@code ControlResponse.deferred}).
 */
public interface MethodTester {

  /** Answers every test with AWS's 500, for a control plane without a request path (tests). */
  MethodTester NONE =
      request ->
          CompletableFuture.failedFuture(
              new IllegalStateException("TestInvokeMethod is not served here"));

  CompletableFuture<Result> test(Request request);

  /**
   * A test invocation.
   *
   * @param accountId the API's owner
   * @param draft the API's configuration now (as {@code CreateDeployment} would freeze it)
   * @param resourceId the resource of the method
   * @param httpMethod the method as defined ({@code GET}, {@code ANY}, ...)
   * @param pathWithQueryString the path and query the request carries ({@code /pets/1?x=y})
   * @param headers the request's headers, in order, each with its values
   * @param body the request body (empty for none)
   * @param stageVariables {@code $stageVariables} for the test
   */
  @SuppressWarnings("ArrayRecordComponent") // the body, handed over once
  record Request(
      String accountId,
      DeployedApi draft,
      String resourceId,
      String httpMethod,
      String pathWithQueryString,
      Map<String, List<String>> headers,
      byte[] body,
      Map<String, String> stageVariables) {
    public Request {
      requireNonNull(accountId, "accountId");
      requireNonNull(draft, "draft");
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers)); // in order
      stageVariables = Map.copyOf(stageVariables);
    }
  }

  /**
   * What {@code TestInvokeMethod} answers.
   *
   * @param status the method response's status
   * @param body the response body
   * @param headers the response headers in order, each with its values
   * @param log the execution log of the test ({@code Execution log for request ...})
   * @param latencyMillis how long the test took
   */
  @SuppressWarnings("ArrayRecordComponent") // the body, handed over once
  record Result(
      int status, byte[] body, Map<String, List<String>> headers, String log, long latencyMillis) {
    public Result {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers)); // in order
    }
  }
}
