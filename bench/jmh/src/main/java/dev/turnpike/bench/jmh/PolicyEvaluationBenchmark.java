package dev.turnpike.bench.jmh;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.auth.iam.RequestContext;
import dev.turnpike.auth.iam.Verdict;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
 * IAM policy evaluation on the invoke path ({@code dev.turnpike.auth.iam}): {@link CompiledPolicy#evaluate} of a
 * compiled resource policy for {@code execute-api:Invoke}.
 * <ul>
 *   <li>{@code crossAccountAllow}: S6's policy, one statement allowing another account's root on the API;
 *   <li>{@code allowWithSourceIpDeny}: the same plus a Deny statement with a {@code NotIpAddress aws:SourceIp}
 *       condition (the usual "only from my network" policy), which must be evaluated and not match;
 *   <li>{@code identityAllowAll}: an identity policy {@code execute-api:Invoke} on {@code *};
 *   <li>{@code contextAndEvaluate}: building the request context the way {@code IamAuthorizationStage} does
 *       (source IP, ISO-8601 current time, epoch time, secure transport, user agent) and then evaluating S6's policy,
 *       to show what the per-request context costs next to the evaluation.
 * </ul>
 *
 * <p>Run: {@code java -jar bench/jmh/target/benchmarks.jar PolicyEvaluationBenchmark} (build: see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PolicyEvaluationBenchmark {
  private static final String OWNER = "111111111111";
  private static final String OTHER = "222222222222";
  private static final String API_ARN = "arn:aws:execute-api:us-east-1:" + OWNER + ":a1b2c3d4e5/prod/GET/bench";
  private static final String ACTION = "execute-api:Invoke";
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT; // as IamAuthorizationStage

  private final CompiledPolicy crossAccount = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{"
      + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},"
      + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:" + OWNER
      + ":a1b2c3d4e5/*\"}]}", PolicyParser.Kind.RESOURCE);
  private final CompiledPolicy withIpDeny = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":[{"
      + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"},"
      + "\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:us-east-1:" + OWNER
      + ":a1b2c3d4e5/*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\","
      + "\"Resource\":\"arn:aws:execute-api:us-east-1:" + OWNER + ":a1b2c3d4e5/*\","
      + "\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":[\"127.0.0.0/8\",\"10.0.0.0/8\"]}}}]}",
      PolicyParser.Kind.RESOURCE);
  private final CompiledPolicy identity = PolicyParser.parse("{\"Version\":\"2012-10-17\",\"Statement\":{"
      + "\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*\"}}", PolicyParser.Kind.IDENTITY);
  private final Caller caller = Caller.root(OTHER);
  private final RequestContext ctx = context();

  private RequestContext context() {
    Instant now = Instant.now();
    return new RequestContext(ACTION, API_ARN, caller)
        .put("aws:SourceIp", "127.0.0.1")
        .put("aws:CurrentTime", ISO.format(now.truncatedTo(ChronoUnit.SECONDS)))
        .put("aws:EpochTime", Long.toString(now.getEpochSecond()))
        .put("aws:SecureTransport", "false")
        .put("aws:UserAgent", "wrk")
        .put("aws:Referer", null)
        .put("aws:SourceArn", null);
  }

  @Benchmark
  public Verdict crossAccountAllow() {
    return crossAccount.evaluate(ctx);
  }

  @Benchmark
  public Verdict allowWithSourceIpDeny() {
    return withIpDeny.evaluate(ctx);
  }

  @Benchmark
  public Verdict identityAllowAll() {
    return identity.evaluate(ctx);
  }

  @Benchmark
  public Verdict contextAndEvaluate() {
    return crossAccount.evaluate(context());
  }
}
