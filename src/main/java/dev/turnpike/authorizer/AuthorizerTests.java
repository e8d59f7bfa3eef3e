package dev.turnpike.authorizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.counters.Ticker;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.model.Authorizer;
import dev.turnpike.model.AuthorizerRules;
import dev.turnpike.snapshot.CompiledAuthorizer;
import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * TestInvokeAuthorizer (spec 8.6): one call of a stored Lambda authorizer on a request described in
 * the call, as the console's "Test" button makes it: no cache, no method (the test stage is {@code
 * null} in the method ARN, as AWS logs it), the identity in clear in the log. Returns what the
 * client would have seen ({@code clientStatus} 0 when the authorizer answered with a policy).
 */
public final class AuthorizerTests {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** What a test answers. */
  public record Outcome(
      int clientStatus,
      String log,
      long latency,
      @Nullable String principalId,
      @Nullable String policy) {}

  private final AuthorizerFunction functions;
  private final Supplier<GatewaySnapshot> snapshots;
  private final String region;
  private final Clock clock;

  public AuthorizerTests(
      LambdaInvoker invoker,
      Ticker ticker,
      Supplier<GatewaySnapshot> snapshots,
      String region,
      Clock clock) {
    this.functions = new AuthorizerFunction(invoker, ticker);
    this.snapshots = snapshots;
    this.region = region;
    this.clock = clock;
  }

  /**
   * Tests {@code authorizer} of API {@code apiId}; {@code headers} and {@code pathWithQuery} are
   * the test request's, {@code stageVariables} substitute into the authorizer URI.
   */
  public CompletableFuture<Outcome> test(
      String account,
      String apiId,
      Authorizer authorizer,
      Map<String, String> headers,
      String pathWithQuery,
      Map<String, String> stageVariables) {
    List<String> problems = new ArrayList<>();
    CompiledAuthorizer a = CompiledAuthorizer.compile(authorizer, problems);
    StringBuilder log = new StringBuilder("Execution log for request test-request\n");
    if (a == null || a.type().equals(AuthorizerRules.COGNITO)) {
      line(log, "Execution failed due to configuration error: " + String.join("; ", problems));
      return CompletableFuture.completedFuture(new Outcome(500, log.toString(), 0, null, null));
    }
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    String path = pathWithQuery.isEmpty() ? "/" : pathWithQuery;
    QueryStringDecoder decoded = new QueryStringDecoder(path);
    String identity = identity(a, byName, decoded, stageVariables);
    line(log, "Starting authorizer: " + a.id() + " for request: test-request");
    if (identity == null
        || (a.type().equals(AuthorizerRules.TOKEN)
            && a.validation() != null
            && !a.validation().matcher(identity).matches())) {
      line(log, "Unauthorized request: test-request");
      return CompletableFuture.completedFuture(new Outcome(401, log.toString(), 0, null, null));
    }
    line(log, "Incoming identity: " + identity); // in clear in test logs (spec 8.4)
    String methodArn =
        "arn:aws:execute-api:"
            + region
            + ":"
            + account
            + ":"
            + apiId
            + "/null/GET"
            + decoded.path();
    List<String> lines = new ArrayList<>();
    CompletableFuture<AuthorizerResult> call =
        functions.call(
            new AuthorizerFunction.Call(
                snapshots.get(),
                stageVariables,
                account,
                apiId,
                null,
                () ->
                    a.type().equals(AuthorizerRules.REQUEST)
                        ? requestEvent(methodArn, headers, decoded, stageVariables)
                        : AuthorizerFunction.tokenEvent(identity, methodArn)),
            a,
            lines);
    return call.handle(
        (r, error) -> {
          lines.forEach(l -> line(log, l));
          if (error != null) {
            Throwable cause = error instanceof CompletionException ? error.getCause() : error;
            AuthorizerFailure f =
                cause instanceof AuthorizerFailure af
                    ? af
                    : AuthorizerFailure.configuration(String.valueOf(cause), "Authorizer error");
            f.logLines().forEach(l -> line(log, l));
            int status = f.kind() == AuthorizerFailure.Kind.UNAUTHORIZED ? 401 : 500;
            return new Outcome(status, log.toString(), 0, null, null);
          }
          line(log, "Using valid authorizer policy for principal: " + r.principalId());
          line(log, "Successfully completed authorizer execution");
          return new Outcome(
              0, log.toString(), r.latencyMillis(), r.principalId(), r.policy().source());
        });
  }

  private void line(StringBuilder log, String text) {
    log.append(LOG_TIME.format(clock.instant())).append(" : ").append(text).append('\n');
  }

  private static @Nullable String identity(
      CompiledAuthorizer a,
      Map<String, String> headers,
      QueryStringDecoder query,
      Map<String, String> stageVariables) {
    List<String> values = new ArrayList<>();
    for (AuthorizerRules.Source s : a.sources()) {
      String v =
          switch (s.kind()) {
            case HEADER -> headers.get(s.name());
            case QUERY -> {
              List<String> q = query.parameters().get(s.name());
              yield q == null || q.isEmpty() ? null : q.get(q.size() - 1);
            }
            case STAGE_VARIABLE -> stageVariables.get(s.name());
            case CONTEXT -> null;
          };
      if (v == null || v.isEmpty()) {
        return null;
      }
      values.add(v);
    }
    return String.join(",", values);
  }

  /** A REQUEST authorizer's event for the test request (spec 8.2's fields). */
  private static byte[] requestEvent(
      String methodArn,
      Map<String, String> headers,
      QueryStringDecoder query,
      Map<String, String> stageVariables) {
    ObjectNode e = JSON.createObjectNode();
    e.put("type", "REQUEST");
    e.put("methodArn", methodArn);
    e.put("resource", query.path());
    e.put("path", query.path());
    e.put("httpMethod", "GET");
    ObjectNode h = e.putObject("headers");
    ObjectNode mh = e.putObject("multiValueHeaders");
    headers.forEach(
        (k, v) -> {
          h.put(k, v);
          mh.putArray(k).add(v);
        });
    if (query.parameters().isEmpty()) {
      e.putNull("queryStringParameters");
      e.putNull("multiValueQueryStringParameters");
    } else {
      ObjectNode q = e.putObject("queryStringParameters");
      ObjectNode mq = e.putObject("multiValueQueryStringParameters");
      query
          .parameters()
          .forEach(
              (k, v) -> {
                q.put(k, v.get(v.size() - 1));
                v.forEach(mq.putArray(k)::add);
              });
    }
    e.putObject("pathParameters");
    ObjectNode sv = e.putObject("stageVariables");
    stageVariables.forEach(sv::put);
    ObjectNode rc = e.putObject("requestContext");
    rc.put("path", query.path());
    rc.put("stage", "test-invoke-stage");
    rc.put("requestId", "test-invoke-request");
    rc.put("httpMethod", "GET");
    return e.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
