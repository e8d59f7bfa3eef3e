package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s Lambda options with the AWS CLI against real processes: a failed {@code Event}
 * invocation is retried twice under its first request id, as Lambda does ({@code
 * --lambda-retry-delay PT1S} instead of a minute); {@code --lambda-concurrency 1} throttles a
 * second concurrent invoke with Lambda's 429; {@code --lambda-runtime off} stores functions and
 * runs none; a wrong value is refused before anything starts.
 */
class LambdaServeOptionsIT {
  /** Fails until its third attempt for an event, counting attempts in a file per request id. */
  private static final String FLAKY =
      String.join(
          "\n",
          "import os, time",
          "def handler(event, context):",
          "    if event.get('sleep'):",
          "        time.sleep(event['sleep'])",
          "        return 'slept'",
          "    path = os.path.join(os.environ['COUNT_DIR'], context.aws_request_id)",
          "    n = int(open(path).read()) + 1 if os.path.exists(path) else 1",
          "    open(path, 'w').write(str(n))",
          "    if n < 3:",
          "        raise RuntimeError('attempt %d fails' % n)",
          "    return 'ok'",
          "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String role;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike =
        TurnpikeProcess.start(
            tmp.resolve("data"), "--lambda-retry-delay", "PT1S", "--lambda-concurrency", "1");
    aws = new AwsCli(turnpike);
    role = createRole(aws);
    Files.createDirectories(tmp.resolve("counts"));
    Files.write(tmp.resolve("flaky.zip"), LambdaFixtures.zip("flaky.py", FLAKY));
    createFunction(aws, "flaky", role);
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  void eventInvoke_failingFunction_isRetriedTwiceUnderItsRequestId() throws Exception {
    Path out = tmp.resolve("event-out");
    AwsCli.Result r =
        aws.runService(
            "lambda",
            "invoke",
            "--function-name",
            "flaky",
            "--invocation-type",
            "Event",
            "--payload",
            "{}",
            out.toString());
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.json().get("StatusCode").asInt()).isEqualTo(202);
    Path log = turnpike.dataDir().resolve("logs/lambda/flaky.log");
    // One second, then two: the third attempt succeeds.
    String text =
        Poll.until(
            Duration.ofSeconds(20),
            () -> Files.isRegularFile(log) ? Files.readString(log) : "",
            t -> count(t, "END RequestId") >= 3);
    Matcher start = Pattern.compile("START RequestId: (\\S+)").matcher(text);
    assertThat(start.find()).isTrue();
    String requestId = start.group(1);
    // AWS: every retry runs under the event's request id.
    assertThat(count(text, "START RequestId: " + requestId)).isEqualTo(3);
    assertThat(text).contains("attempt 1 fails", "attempt 2 fails");
    assertThat(Files.readString(tmp.resolve("counts").resolve(requestId))).isEqualTo("3");
  }

  @Test
  void concurrencyOne_secondConcurrentInvoke_isThrottled() throws Exception {
    createFunction(aws, "sleeper", role);
    CompletableFuture<AwsCli.Result> first =
        CompletableFuture.supplyAsync(() -> invoke(aws, "sleeper", "{\"sleep\": 6}"));
    Thread.sleep(3000); // the first holds the only instance
    AwsCli.Result second = invoke(aws, "sleeper", "{\"sleep\": 0.1}");
    assertThat(second.exitCode()).isNotZero();
    // AWS: 429 TooManyRequestsException "Rate Exceeded.".
    assertThat(second.stderr()).contains("TooManyRequestsException", "Rate Exceeded.");
    assertThat(first.get().exitCode()).as(first.get().stderr()).isZero();
  }

  @Test
  void runtimeOff_functionsAreStoredAndNoneRuns() throws Exception {
    TurnpikeProcess off = TurnpikeProcess.start(tmp.resolve("off"), "--lambda-runtime", "off");
    try {
      AwsCli offAws = new AwsCli(off);
      createFunction(offAws, "flaky", createRole(offAws));
      AwsCli.Result r = invoke(offAws, "flaky", "{}");
      assertThat(r.exitCode()).isNotZero();
      assertThat(r.stderr())
          .contains("ServiceException", "Turnpike runs no functions on this host");
      assertThat(off.dataDir().resolve("logs/lambda/flaky.log")).doesNotExist();
    } finally {
      off.close();
    }
  }

  @Test
  void wrongValue_isRefusedBeforeStart() throws Exception {
    ExplainIT.Run r =
        ExplainIT.turnpikeCli(
            "serve", "--data-dir", tmp.resolve("bad").toString(), "--lambda-runtime", "maybe");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--lambda-runtime: on or off, not maybe");
  }

  private static AwsCli.Result invoke(AwsCli cli, String name, String payload) {
    try {
      return cli.runService(
          "lambda",
          "invoke",
          "--function-name",
          name,
          "--payload",
          payload,
          Files.createTempFile(tmp, "out", ".json").toString());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String createRole(AwsCli cli) throws Exception {
    return LambdaFixtures.executionRole(cli, "opts-exec");
  }

  private static void createFunction(AwsCli cli, String name, String roleArn) throws Exception {
    LambdaFixtures.ok(
        cli,
        "lambda",
        "create-function",
        "--function-name",
        name,
        "--runtime",
        "python3.12",
        "--handler",
        "flaky.handler",
        "--timeout",
        "10",
        "--role",
        roleArn,
        "--zip-file",
        "fileb://" + tmp.resolve("flaky.zip"),
        "--environment",
        "Variables={COUNT_DIR=" + tmp.resolve("counts") + "}");
  }

  private static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
