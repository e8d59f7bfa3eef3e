package dev.turnpike.authorizer;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.counters.Ticker;
import dev.turnpike.integration.lambda.LambdaPermission;
import dev.turnpike.integration.lambda.LambdaTarget;
import dev.turnpike.integration.lambda.ProxyEvent;
import dev.turnpike.lambda.DisabledLambdaInvoker;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.model.Json;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.StageVariables;
import dev.turnpike.snapshot.CompiledAuthorizer;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.LambdaIndex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One call of a Lambda authorizer's function (spec 8.2): the function its URI names (stage
 * variables substituted), API Gateway's permission to invoke it for {@code
 * arn:aws:execute-api:{region}:{account}:{api}/authorizers/{id}} (or the authorizer's credentials
 * role), the TOKEN or REQUEST event, the invoke off the event loop within the authorizer timeout,
 * and the result validated. Everything read from the exchange is read here, on its loop; the
 * completion touches only the function's output.
 */
final class AuthorizerFunction {
  /** The authorizer call's timeout: AWS documents 10 s for HTTP APIs; REST's is [UNCONF]. */
  static final long TIMEOUT_MILLIS = 10_000;

  private final LambdaInvoker invoker;
  private final Ticker ticker;

  AuthorizerFunction(LambdaInvoker invoker, Ticker ticker) {
    this.invoker = invoker;
    this.ticker = ticker;
  }

  /**
   * Calls {@code a}'s function for {@code ex}; the future completes (on the invoker's thread) with
   * the validated result, or exceptionally with an {@link AuthorizerFailure}. {@code lines}
   * receives the request-side execution-log lines at once.
   */
  CompletableFuture<AuthorizerResult> call(
      Exchange ex, CompiledAuthorizer a, String identity, String methodArn, List<String> lines) {
    return call(
        new Call(
            ex.snapshot,
            ex.stage().variables(),
            ex.stage().accountId(),
            ex.stage().apiId(),
            ex.caller,
            () ->
                a.type().equals(AuthorizerRules.REQUEST)
                    ? ProxyEvent.authorizerRequest(ex, methodArn)
                    : tokenEvent(identity, methodArn)),
        a,
        lines);
  }

  /**
   * What a call needs besides the authorizer, read before the call: from an exchange on the request
   * path, or from TestInvokeAuthorizer's request on the control plane.
   */
  record Call(
      GatewaySnapshot snapshot,
      Map<String, String> stageVariables,
      String apiAccount,
      String apiId,
      @Nullable Caller caller,
      Supplier<byte[]> event) {}

  /** How a function's output is read. */
  enum Format {
    /**
     * {@code principalId}, {@code policyDocument}, {@code context} (REST; HTTP APIs by default).
     */
    POLICY,
    /** {@code {"isAuthorized": …, "context": …}} (HTTP APIs, payload 2.0 with simple responses). */
    SIMPLE
  }

  /** As {@link #call(Exchange, CompiledAuthorizer, String, String, List)}, from its parts. */
  CompletableFuture<AuthorizerResult> call(Call c, CompiledAuthorizer a, List<String> lines) {
    return call(c, a, lines, Format.POLICY);
  }

  /** As above, reading the output in {@code format}. */
  CompletableFuture<AuthorizerResult> call(
      Call c, CompiledAuthorizer a, List<String> lines, Format format) {
    String uri = a.authorizerUri();
    LambdaTarget target =
        uri == null ? null : LambdaTarget.parse(StageVariables.substitute(uri, c.stageVariables()));
    if (target == null) {
      return failed(
          "the authorizer URI is not a Lambda invocation URI: " + uri,
          "Execution failed due to configuration error: Invalid authorizer URI");
    }
    LambdaIndex.Function function =
        c.snapshot().functions().function(target.accountId(), target.name(), target.qualifier());
    if (function == null) {
      return failed(
          "no function " + target.functionArn(),
          "Execution failed due to configuration error: Function not found: "
              + target.functionArn(),
          "Execution failed due to configuration error: Authorizer error");
    }
    if (!invoker.runsFunctions()) {
      return failed(
          DisabledLambdaInvoker.REASON,
          "Execution failed due to configuration error: " + DisabledLambdaInvoker.REASON);
    }
    String sourceArn =
        "arn:aws:execute-api:"
            + function.config().region()
            + ":"
            + c.apiAccount()
            + ":"
            + c.apiId()
            + "/authorizers/"
            + a.id();
    String denied =
        LambdaPermission.check(
            c.snapshot().iam(),
            function,
            target.permissionArn(),
            sourceArn,
            c.apiAccount(),
            a.credentials(),
            c.caller());
    if (denied != null) {
      String credentials = a.credentials();
      return failed(
          denied,
          credentials != null && !credentials.isEmpty()
              ? "Execution failed due to configuration error: API Gateway does not have permission"
                  + " to assume the provided role "
                  + credentials
              : "Execution failed due to configuration error: Invalid permissions on Lambda"
                  + " function",
          "Execution failed due to configuration error: Authorizer error");
    }
    byte[] event = c.event().get();
    lines.add("Endpoint request URI: " + target.invokeUrl());
    lines.add(
        "Endpoint request headers: {X-Amz-Source-Arn="
            + sourceArn
            + ", User-Agent=AmazonAPIGateway_"
            + c.apiId()
            + "}");
    lines.add(
        "Endpoint request body after transformations: "
            + new String(event, StandardCharsets.UTF_8));
    FunctionConfig config = function.pick(ThreadLocalRandom.current().nextDouble());
    long start = ticker.read();
    return invoker
        .invoke(config, event)
        .orTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .handle(
            (r, error) -> {
              long now = ticker.read();
              long latency = (now - start) / 1_000_000;
              if (error != null) {
                boolean timedOut = error instanceof TimeoutException;
                throw AuthorizerFailure.configuration(
                    timedOut
                        ? "the function did not answer within " + TIMEOUT_MILLIS + " ms"
                        : "the invoke failed: " + error,
                    timedOut
                        ? "Execution failed due to a timeout error"
                        : "Execution failed due to configuration error: Authorizer error");
              }
              return interpret(r, now, latency, format);
            });
  }

  /** {@code {"type":"TOKEN","authorizationToken":…,"methodArn":…}} (spec 8.2). */
  static byte[] tokenEvent(String token, String methodArn) {
    return ("{\"type\":\"TOKEN\",\"authorizationToken\":"
            + Json.quote(token)
            + ",\"methodArn\":"
            + Json.quote(methodArn)
            + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static AuthorizerResult interpret(InvokeResult r, long now, long latency, Format format) {
    List<String> lines = new ArrayList<>();
    lines.add("Authorizer result body before parsing: " + AuthorizerResult.text(r.payload()));
    switch (r.outcome()) {
      case SUCCESS -> {
        try {
          return format == Format.SIMPLE
              ? AuthorizerResult.parseSimple(r.payload(), now, latency)
              : AuthorizerResult.parse(r.payload(), now, latency);
        } catch (AuthorizerFailure f) {
          lines.addAll(f.logLines());
          throw new AuthorizerFailure(f.kind(), f.problem(), lines);
        }
      }
      case THROTTLED -> {
        lines.add("Execution failed due to configuration error: Rate Exceeded.");
        throw new AuthorizerFailure(
            AuthorizerFailure.Kind.CONFIGURATION,
            "the authorizer function is at its concurrency limit (Lambda 429)",
            lines);
      }
      default -> {
        String message = errorMessage(r.payload());
        if ("Unauthorized".equals(message)) {
          // The documented way for a function to answer 401 (spec 8.4).
          throw new AuthorizerFailure(
              AuthorizerFailure.Kind.UNAUTHORIZED,
              "the authorizer function answered Unauthorized",
              lines);
        }
        lines.add("Execution failed due to configuration error: Authorizer error");
        throw new AuthorizerFailure(
            AuthorizerFailure.Kind.CONFIGURATION,
            "the authorizer function failed: " + (message == null ? r.outcome() : message),
            lines);
      }
    }
  }

  /** {@code errorMessage} of a function error's payload, null when there is none. */
  private static @Nullable String errorMessage(byte[] payload) {
    try {
      var node = AuthorizerResult.JSON.readTree(payload); // one mapper, not one per error
      var m = node == null ? null : node.get("errorMessage");
      return m == null || !m.isTextual() ? null : m.asText();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static CompletableFuture<AuthorizerResult> failed(String problem, String... lines) {
    return CompletableFuture.failedFuture(AuthorizerFailure.configuration(problem, lines));
  }
}
