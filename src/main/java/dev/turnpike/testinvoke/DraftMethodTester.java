package dev.turnpike.testinvoke;

import static java.util.Objects.requireNonNull;

import dev.turnpike.control.apigateway.MethodTester;
import dev.turnpike.counters.Ticker;
import dev.turnpike.decision.Cause;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ExecutionTrace;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.RequestPath;
import dev.turnpike.pipeline.RequestValidationStage;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.SnapshotCompiler;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@code TestInvokeMethod}: the API's current configuration compiled as a stage named {@code
 * test-invoke-stage} (the names AWS's test events carry), the method found by its resource id, and
 * its integration called through a {@link RequestPath} without stages, on a gateway event loop, so
 * every integration type runs exactly as it serves (Lambda permission and functions from the
 * current snapshot). The execution log is the exchange's {@link ExecutionTrace} at INFO, framed by
 * the lines AWS's test log adds around the integration's own (method request, method response,
 * completion).
 *
 * <p>The compile runs on the caller's (control) thread; nothing waits on the integration: the
 * result completes on the event loop.
 */
public final class DraftMethodTester implements MethodTester {
  static final String STAGE = "test-invoke-stage";
  static final String DEPLOYMENT_ID = "test-invoke-deployment-id";
  static final String SOURCE_IP = "test-invoke-source-ip";

  /** {@code Tue May 30 01:22:45 UTC 2023}, as the test log stamps its lines. */
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US)
          .withZone(ZoneOffset.UTC);

  private final SnapshotCompiler compiler;
  private final Supplier<GatewaySnapshot> snapshots;
  private final Supplier<EventLoop> loops;
  private final Clock clock;
  private final Ticker ticker;
  // The method request's validation, then the integration (AWS's test console validates too).
  private final RequestPath path = new RequestPath(List.of(new RequestValidationStage()));

  /**
   * @param compiler compiles the draft (with the integration binder the gateway uses)
   * @param snapshots the snapshot being served (Lambda functions and their policies)
   * @param loops a gateway event loop for each test
   */
  public DraftMethodTester(
      SnapshotCompiler compiler,
      Supplier<GatewaySnapshot> snapshots,
      Supplier<EventLoop> loops,
      Clock clock,
      Ticker ticker) {
    this.compiler = requireNonNull(compiler, "compiler");
    this.snapshots = requireNonNull(snapshots, "snapshots");
    this.loops = requireNonNull(loops, "loops");
    this.clock = requireNonNull(clock, "clock");
    this.ticker = requireNonNull(ticker, "ticker");
  }

  @Override
  public CompletableFuture<Result> test(Request request) {
    CompiledStage stage =
        compiler.compileDraft(
            request.accountId(), request.draft(), STAGE, DEPLOYMENT_ID, request.stageVariables());
    String pathAndQuery = request.pathWithQueryString();
    int q = pathAndQuery.indexOf('?');
    String rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
    RouteMatch<CompiledMethod> route =
        route(stage.tree(), request.resourceId(), request.httpMethod(), rawPath);
    if (route == null) { // the control plane checked the method exists: a race with a delete
      return CompletableFuture.failedFuture(
          new IllegalStateException("method " + request.httpMethod() + " is gone"));
    }
    HttpHeaders headers = new DefaultHttpHeaders();
    request.headers().forEach(headers::add);
    String requestId = UUID.randomUUID().toString();
    Exchange ex =
        new Exchange(
            request.httpMethod(),
            rawPath,
            rawQuery,
            headers,
            request.body(),
            SOURCE_IP,
            "HTTP/1.1",
            requestId,
            "test-invoke-extendedRequestId",
            ticker.read(),
            clock.millis(),
            snapshots.get());
    ex.api = new CompiledApi(stage.apiId(), stage.accountId(), Map.of(STAGE, stage));
    ex.stage = stage;
    ex.stagePath = rawPath;
    ex.route = route;
    ex.addressing = "host";
    List<String> lines = new ArrayList<>();
    ExecutionTrace trace = ExecutionTrace.capturing((e, message) -> lines.add(line(message)));
    ex.executionTrace = trace;
    trace.info(ex, "Starting execution for request: " + requestId);
    trace.info(ex, "HTTP Method: " + request.httpMethod() + ", Resource Path: " + rawPath);
    trace.info(ex, "Method request path: " + ExecutionTrace.map(route.pathParams().entrySet()));
    trace.info(ex, "Method request query string: " + ExecutionTrace.map(query(rawQuery)));
    trace.info(ex, "Method request headers: " + ExecutionTrace.map(lastValues(request.headers())));
    trace.info(
        ex, "Method request body before transformations: " + ExecutionTrace.body(request.body()));
    // run() hops onto the loop; the lines list is handed over with the task and read back after.
    return path.run(ex, loops.get()).thenApply(reply -> result(ex, trace, reply, lines));
  }

  private Result result(Exchange ex, ExecutionTrace trace, GatewayReply reply, List<String> lines) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    CompiledMethod method = ex.method();
    boolean mock = method.integration() != null && method.integration().type().equals("MOCK");
    if (!mock && !reply.headers().contains("X-Amzn-Trace-Id")) {
      headers.put("X-Amzn-Trace-Id", List.of(ex.traceId())); // first, as AWS lists it
    }
    for (Map.Entry<String, String> h : reply.headers()) {
      headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>(1)).add(h.getValue());
    }
    if (ex.cause == Cause.OK) {
      trace.info(
          ex, "Method response body after transformations: " + ExecutionTrace.body(reply.body()));
      trace.info(ex, "Method response headers: " + ExecutionTrace.map(lastValues(headers)));
      trace.info(ex, "Successfully completed execution");
    }
    trace.completed(ex, reply.status());
    StringBuilder log = new StringBuilder("Execution log for request ").append(ex.requestId);
    for (String line : lines) {
      log.append('\n').append(line);
    }
    log.append('\n');
    return new Result(
        reply.status(),
        reply.body(),
        headers,
        log.toString(),
        (ticker.read() - ex.startNanos) / 1_000_000);
  }

  private String line(String message) {
    return STAMP.format(Instant.ofEpochMilli(clock.millis())) + " : " + message;
  }

  /**
   * The method at {@code resourceId}: with the path parameters of {@code rawPath} when the path
   * routes to it, else none (AWS: a path that does not fit the resource leaves them empty).
   */
  private static @Nullable RouteMatch<CompiledMethod> route(
      ResourceTree<CompiledMethod> tree, String resourceId, String httpMethod, String rawPath) {
    RouteMatch<CompiledMethod> matched = tree.match(httpMethod, rawPath);
    if (matched != null && matched.resourceId().equals(resourceId)) {
      return matched;
    }
    for (ResourceTree.Entry<CompiledMethod> e : tree.entries()) {
      if (e.resourceId().equals(resourceId) && e.httpMethod().equals(httpMethod)) {
        return new RouteMatch<>(e.method(), e.resourcePath(), e.resourceId(), Map.of());
      }
    }
    return null;
  }

  /** The query's parameters, the last value of each (as the single-value view keeps them). */
  private static Iterable<Map.Entry<String, String>> query(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    new QueryStringDecoder(rawQuery, StandardCharsets.UTF_8, false)
        .parameters()
        .forEach((k, v) -> out.put(k, v.get(v.size() - 1)));
    return out.entrySet();
  }

  private static Iterable<Map.Entry<String, String>> lastValues(Map<String, List<String>> m) {
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.get(v.size() - 1)));
    return out.entrySet();
  }
}
