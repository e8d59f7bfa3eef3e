package dev.turnpike.bench.jmh;

import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionLog;
import dev.turnpike.decision.DecisionRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision log's spill writer, per record: {@link DecisionLog#flush} of a batch of {@value #BATCH} served-request
 * records (the S1 shape: execute-api host, HTTP_PROXY, the account bucket checked) to a real file in a temporary
 * directory (rotating at 64 MiB, one old file kept). Add {@code -prof gc} for bytes allocated per record.
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar DecisionFlushBenchmark -prof gc} (build: see
 * bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionFlushBenchmark {
  static final int BATCH = 2000; // 200 ms at 10,000 rps

  private Path dir;
  private DecisionLog log;
  private DecisionRecord[] records;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("turnpike-jmh-decisions");
    log = DecisionLog.spillingTo(dir, BATCH * 2, 64L * 1024 * 1024, 1);
    records = new DecisionRecord[BATCH];
    DecisionRecord.Metering account = new DecisionRecord.Metering(null, Double.NaN, 0, 0, Double.NaN, 0, 0,
        10_000.0, 5000, 4999, -1, null, -1, -1);
    for (int i = 0; i < BATCH; i++) {
      records[i] = new DecisionRecord("c0ffee00-0000-4000-8000-" + String.format("%012d", i), 1_768_478_400_000L + i,
          "127.0.0.1", "HTTP/1.1", "GET", "/prod/bench", "a1b2c3d4e5.execute-api.us-east-1.localhost",
          "execute-api", false, "a1b2c3d4e5", "prod", "/bench", "abc123", "NONE", false, null, null, null,
          "HTTP_PROXY", "http://127.0.0.1:8080/bench", 29_000, 1, 1, 200, null, Cause.OK, null, null, null, null,
          null, account);
    }
  }

  @TearDown
  public void tearDown() throws IOException {
    log.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Adds one batch to the ring (an atomic increment and a store each) and spills it. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void flushPerRecord() {
    for (DecisionRecord r : records) {
      log.add(r);
    }
    log.flush();
  }
}
