package dev.turnpike.bench.jmh;

import dev.turnpike.counters.Limiter;
import dev.turnpike.counters.Ticker;
import dev.turnpike.counters.TokenBucket;
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
 * Bucket admission as the usage-plan throttle stage does it: the key's grant from the stage's grants (by key value),
 * its bucket for the method ({@link KeyGrant#limiter}), then {@link Limiter#tryAcquire()} on a {@link TokenBucket}
 * (one CAS on the system ticker). {@code keys} is 1 or 10,000 keys in the index, cycled in a fixed order, to show
 * the cost does not grow with the number of keys (10,000 keys also miss the CPU caches more: that is memory, not the
 * algorithm). {@code admitOneBucket} is the bucket alone; {@code rejectEmptyBucket} is the 429 path's check (an
 * exhausted bucket: a read and a compare, no CAS).
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar BucketAdmissionBenchmark} (build: see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BucketAdmissionBenchmark {
  @Param({"1", "10000"})
  int keys;

  private KeyGrants grants;
  private int next;
  private Limiter one;
  private Limiter empty;

  @Setup
  public void setup() {
    grants = new KeyGrants(keys, 1e9, 1_000_000_000); // limits never reached: every call admits
    one = TokenBucket.create(1e9, 1_000_000_000, Ticker.system());
    empty = TokenBucket.create(1, 1, Ticker.system());
    empty.tryAcquire();
  }

  @Benchmark
  public boolean admitByKey() {
    String value = grants.values[next];
    next = next + 1 == grants.values.length ? 0 : next + 1;
    KeyGrant grant = grants.byValue.get(value);
    return grant.limiter(KeyGrants.RESOURCE_ID, "GET").tryAcquire();
  }

  @Benchmark
  public boolean admitOneBucket() {
    return one.tryAcquire();
  }

  @Benchmark
  public boolean rejectEmptyBucket() {
    return empty.tryAcquire();
  }
}
