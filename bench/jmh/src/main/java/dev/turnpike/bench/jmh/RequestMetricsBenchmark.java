package dev.turnpike.bench.jmh;

import dev.turnpike.decision.Cause;
import dev.turnpike.observe.Metrics;
import dev.turnpike.observe.metrics.RequestMetrics;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.ExchangeMetrics;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.routing.ResourceTree;
import dev.turnpike.routing.RouteMatch;
import dev.turnpike.snapshot.CompiledApi;
import dev.turnpike.snapshot.CompiledGatewayResponses;
import dev.turnpike.snapshot.CompiledIntegration;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.GatewaySnapshot;
import dev.turnpike.snapshot.StageMetering;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Recording one finished exchange in the request metrics ({@link ExchangeMetrics#finished}): the S1 shape (an
 * HTTP_PROXY method of stage {@code prod}, 200, integration latency measured) and a throttled 429, among 100 API
 * stages whose meters exist. Add {@code -prof gc}: the figure to hold is 0 bytes allocated per operation.
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar RequestMetricsBenchmark -prof gc} (build: see
 * bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RequestMetricsBenchmark {
  private Metrics metrics;
  private ExchangeMetrics observer;
  private Exchange served;
  private Exchange throttled;
  private GatewayReply ok;
  private GatewayReply tooMany;
  private long latencyNanos = 700_000;

  @Setup
  public void setUp() {
    metrics = new Metrics(List::of);
    observer = new ExchangeMetrics(new RequestMetrics(metrics));
    CompiledIntegration proxy = new CompiledIntegration("HTTP_PROXY", "GET", "http://127.0.0.1:8080/bench", 29_000,
        "WHEN_NO_MATCH", Map.of(), Map.of(), List.of(), null);
    for (int i = 0; i < 100; i++) {
      observer.finished(exchange("api" + i, "prod", proxy), reply(200), 1_000_000);
    }
    served = exchange("api42", "prod", proxy);
    served.integrationLatencyMillis = 0;
    throttled = exchange("api42", "prod", proxy);
    throttled.cause = Cause.THROTTLE_STAGE;
    ok = reply(200);
    tooMany = reply(429);
  }

  private static Exchange exchange(String apiId, String stageName, CompiledIntegration in) {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    Exchange ex = new Exchange("GET", "/prod/bench", "", headers, new byte[0], "127.0.0.1", "HTTP/1.1",
        "c0ffee00-0000-4000-8000-000000000000", "K2G9wEbUoAMEvag=", 0L, 1_768_478_400_000L, GatewaySnapshot.empty());
    CompiledStage stage = new CompiledStage(apiId, "123456789012", stageName, "dep1", false, Map.of(),
        ResourceTree.compile(List.of(), r -> Map.of()), CompiledGatewayResponses.builtIn(), null, StageMetering.NONE);
    ex.stage = stage;
    ex.api = new CompiledApi(apiId, "123456789012", Map.of(stageName, stage));
    ex.route = new RouteMatch<>(new CompiledMethod("GET", "/bench", "NONE", false, in), "/bench", "r1", Map.of());
    return ex;
  }

  private static GatewayReply reply(int status) {
    return GatewayReply.of(status, new DefaultHttpHeaders(), new byte[0]);
  }

  @Benchmark
  public void served() {
    observer.finished(served, ok, latencyNanos);
  }

  @Benchmark
  public void throttled() {
    observer.finished(throttled, tooMany, latencyNanos);
  }
}
