package dev.turnpike.control.apigateway;

import dev.turnpike.model.Authorizer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Runs an authorizer for TestInvokeAuthorizer (spec 8.6). The control plane cannot reach the
 * request path's code; the composition root supplies the implementation (package {@code
 * authorizer}). The future completes off the control thread, which never waits on it.
 */
@FunctionalInterface
public interface AuthorizerTester {
  CompletableFuture<Result> test(String account, String apiId, Authorizer authorizer, Request r);

  /** TestInvokeAuthorizer's request members. */
  record Request(
      Map<String, String> headers,
      Map<String, List<String>> multiValueHeaders,
      String pathWithQueryString,
      @Nullable String body,
      Map<String, String> stageVariables) {}

  /**
   * TestInvokeAuthorizer's answer: {@code clientStatus} 0 when the authorizer answered with a
   * policy, else the status the client would have seen (401, 500); {@code policy} is the returned
   * policy document as a JSON string.
   */
  record Result(
      int clientStatus,
      String log,
      long latency,
      @Nullable String principalId,
      @Nullable String policy,
      Map<String, String> claims) {}

  /** Where no authorizer can run: refused in words. */
  AuthorizerTester NONE =
      (account, apiId, a, r) ->
          CompletableFuture.failedFuture(
              new IllegalStateException("authorizers cannot be tested without a data plane"));
}
