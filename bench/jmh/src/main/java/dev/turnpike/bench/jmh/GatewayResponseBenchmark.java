package dev.turnpike.bench.jmh;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.handler.codec.http.DefaultHttpHeaders;
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
 * Gateway-response rendering: {@link GatewayResponses#render} of the built-in 403 Missing Authentication Token and
 * 504 Endpoint request timed out (no customization, the common refusal path), and {@link GatewayResponses#forbidden}.
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar GatewayResponseBenchmark} (build: see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GatewayResponseBenchmark {
  private Exchange exchange;

  @Setup
  public void setUp() {
    DefaultHttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Host", "a1b2c3d4e5.execute-api.us-east-1.localhost");
    exchange = new Exchange("GET", "/prod/nope", "", headers, new byte[0], "127.0.0.1", "HTTP/1.1",
        "c0ffee00-0000-4000-8000-000000000000", "AbCdEfGhIjKlMnO=", System.nanoTime(), 1_768_478_400_000L,
        GatewaySnapshot.empty());
  }

  @Benchmark
  public GatewayReply missingAuthenticationToken() {
    return GatewayResponses.refuse(exchange, GatewayResponseType.MISSING_AUTHENTICATION_TOKEN, Cause.NO_ROUTE, null);
  }

  @Benchmark
  public GatewayReply integrationTimeout() {
    return GatewayResponses.refuse(exchange, GatewayResponseType.INTEGRATION_TIMEOUT, Cause.INTEGRATION_TIMEOUT,
        null);
  }

  @Benchmark
  public GatewayReply forbidden() {
    return GatewayResponses.forbidden(exchange, Cause.UNKNOWN_STAGE);
  }
}
