package dev.turnpike.bench.jmh;

import dev.turnpike.auth.sigv4.Credential;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Result;
import dev.turnpike.auth.sigv4.SigV4Signer;
import dev.turnpike.auth.sigv4.SigV4Verifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
 * SigV4 verification: {@link SigV4Verifier#verify} of a GET signed by {@link SigV4Signer} for execute-api (header
 * signature) and of the same request presigned in the query string, with a fixed clock inside the 5-minute window.
 * The signing key cache is warm after the first iteration, as it is for a client that keeps its key.
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar SigV4VerifyBenchmark} (build: see bench/README.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SigV4VerifyBenchmark {
  private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");
  private SigV4Verifier verifier;
  private SigV4Request signed;
  private SigV4Request presigned;

  @Setup
  public void setUp() {
    Credential credential = Credential.longTerm("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "123456789012", "arn:aws:iam::123456789012:user/bench");
    verifier = new SigV4Verifier(Clock.fixed(NOW, ZoneOffset.UTC),
        SigV4Verifier.resolverOf(Map.of(credential.accessKeyId(), credential)));
    SigV4Request request = new SigV4Request("GET", "/prod/pets/42", "limit=10&sort=name",
        List.of(Map.entry("Host", "a1b2c3d4e5.execute-api.us-east-1.localhost"),
            Map.entry("Accept", "application/json"), Map.entry("User-Agent", "bench")), new byte[0]);
    SigV4Signer signer = SigV4Signer.of(credential);
    signed = signer.sign(request, "us-east-1", "execute-api", NOW.minusSeconds(30));
    presigned = signer.presign(request, "us-east-1", "execute-api", NOW.minusSeconds(30),
        java.time.Duration.ofMinutes(5));
    for (SigV4Request r : List.of(signed, presigned)) {
      SigV4Result result = verifier.verify(r, "execute-api");
      if (!(result instanceof SigV4Result.Verified)) {
        throw new IllegalStateException("the benchmark's request does not verify: " + result);
      }
    }
  }

  @Benchmark
  public SigV4Result authorizationHeader() {
    return verifier.verify(signed, "execute-api");
  }

  @Benchmark
  public SigV4Result presignedQuery() {
    return verifier.verify(presigned, "execute-api");
  }
}
