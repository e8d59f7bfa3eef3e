package dev.turnpike.bench.jmh;

import dev.turnpike.routing.HostClassifier;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Host classification: {@link HostClassifier#executeApiId} for an execute-api host with a port, and for a host that
 * is not an execute-api host (custom domains go down that path once they exist).
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar HostClassifierBenchmark} (build: see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HostClassifierBenchmark {
  private final HostClassifier classifier = new HostClassifier("us-east-1", "localhost");
  private final String executeApiHost = "a1b2c3d4e5.execute-api.us-east-1.localhost:8080";
  private final String otherHost = "api.example.com";

  @Benchmark
  public String executeApiHost() {
    return classifier.executeApiId(executeApiHost);
  }

  @Benchmark
  public String otherHost() {
    return classifier.executeApiId(otherHost);
  }
}
