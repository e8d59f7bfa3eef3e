package dev.turnpike.bench.jmh;

import dev.turnpike.snapshot.KeyGrant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * API-key lookup as {@code ApiKeyStage} does it: the {@code X-API-Key} value in the stage's compiled grants
 * ({@code StageMetering.grants()}, a map by key value), for a key that is there ({@code hit}, cycling through all
 * keys) and one that is not ({@code miss}: the 403 path). {@code keys}: 1 or 10,000 keys in the index. The request
 * header value is a fresh {@code String} each time in the gateway (decoded from the request), so its hash is not
 * cached: {@code hitFreshString} copies the value first to include hashing 40 characters.
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar ApiKeyLookupBenchmark} (build: see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ApiKeyLookupBenchmark {
  @Param({"1", "10000"})
  int keys;

  private KeyGrants grants;
  private int next;
  private final String unknown = "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";

  @Setup
  public void setup() {
    grants = new KeyGrants(keys, 1e9, 1_000_000_000);
  }

  private String nextValue() {
    String value = grants.values[next];
    next = next + 1 == grants.values.length ? 0 : next + 1;
    return value;
  }

  @Benchmark
  public KeyGrant hit() {
    return grants.byValue.get(nextValue());
  }

  @Benchmark
  public KeyGrant hitFreshString() {
    return grants.byValue.get(new String(nextValue().toCharArray()));
  }

  @Benchmark
  public KeyGrant miss() {
    return grants.byValue.get(unknown);
  }
}
