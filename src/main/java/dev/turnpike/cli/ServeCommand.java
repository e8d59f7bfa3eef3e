package dev.turnpike.cli;

import dev.turnpike.observe.LogLimits;
import dev.turnpike.server.ListenerLimits;
import io.netty.util.ResourceLeakDetector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code turnpike serve}: every option also reads {@code TURNPIKE_<NAME>} from the environment. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Start the gateway and its control plane.")
final class ServeCommand implements Callable<Integer> {
  @Option(
      names = "--data-dir",
      defaultValue = "${env:TURNPIKE_DATA_DIR:-.turnpike}",
      description = "Where configuration, credentials and logs live (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--bind",
      defaultValue = "${env:TURNPIKE_BIND:-127.0.0.1}",
      description = "Address every listener binds to (default: ${DEFAULT-VALUE}, loopback only).")
  String bind;

  @Option(
      names = "--http-port",
      defaultValue = "${env:TURNPIKE_HTTP_PORT:-8080}",
      description = "Data-plane HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--https-port",
      defaultValue = "${env:TURNPIKE_HTTPS_PORT:-8443}",
      description =
          "Data-plane HTTPS port (SNI: execute-api hosts and custom domains); 0 picks a free one"
              + " (default: ${DEFAULT-VALUE}).")
  int httpsPort;

  @Option(
      names = "--admin-port",
      defaultValue = "${env:TURNPIKE_ADMIN_PORT:-4566}",
      description =
          "Control-plane port for the AWS CLI and SDKs; 0 picks a free one (default:"
              + " ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(
      names = "--region",
      defaultValue = "${env:TURNPIKE_REGION:-us-east-1}",
      description = "The AWS region Turnpike plays (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--domain-suffix",
      defaultValue = "${env:TURNPIKE_DOMAIN_SUFFIX:-localhost}",
      description =
          "Suffix of execute-api host names {apiId}.execute-api.{region}.{suffix} (default:"
              + " ${DEFAULT-VALUE}).")
  String domainSuffix;

  @Option(
      names = "--admin-access-key-id",
      defaultValue = "${env:TURNPIKE_ADMIN_ACCESS_KEY_ID}",
      description = "Fix the administrator's access key id (with --admin-secret-access-key).")
  @Nullable String adminAccessKeyId;

  @Option(
      names = "--admin-secret-access-key",
      defaultValue = "${env:TURNPIKE_ADMIN_SECRET_ACCESS_KEY}",
      description = "Fix the administrator's secret access key.")
  @Nullable String adminSecretAccessKey;

  @Option(
      names = "--account-rate",
      defaultValue = "${env:TURNPIKE_ACCOUNT_RATE:-10000}",
      description =
          "Account throttle: requests per second across all APIs (default: ${DEFAULT-VALUE}, as"
              + " AWS).")
  double accountRate;

  @Option(
      names = "--account-burst",
      defaultValue = "${env:TURNPIKE_ACCOUNT_BURST:-5000}",
      description = "Account throttle: bucket capacity (default: ${DEFAULT-VALUE}, as AWS).")
  int accountBurst;

  @Option(
      names = "--log-max-bytes",
      defaultValue = "${env:TURNPIKE_LOG_MAX_BYTES:-104857600}",
      description =
          "Rotate the access log and each execution log when it reaches this size (default:"
              + " ${DEFAULT-VALUE}).")
  long logMaxBytes;

  @Option(
      names = "--log-keep",
      defaultValue = "${env:TURNPIKE_LOG_KEEP:-5}",
      description =
          "Rotated files kept per log: access.log.1 ... access.log.N (default: ${DEFAULT-VALUE}; 0"
              + " keeps none).")
  int logKeep;

  @Mixin StoreOptions storeOptions = new StoreOptions();

  @Option(
      names = "--counters",
      defaultValue = "${env:TURNPIKE_COUNTERS}",
      description =
          "Throttle counters shared by several nodes: redis://host[:port] (default: this node's"
              + " own). Tokens are leased in the background: no Redis call per request.")
  @Nullable String counters;

  @Option(
      names = "--counters-prefix",
      defaultValue = "${env:TURNPIKE_COUNTERS_PREFIX:-turnpike:}",
      description =
          "With --counters: the prefix of every Redis key, one per cluster sharing a Redis"
              + " (default: ${DEFAULT-VALUE}).")
  String countersPrefix;

  @Mixin LambdaOptions lambdaOptions = new LambdaOptions();

  @Option(
      names = "--max-connections",
      defaultValue = "${env:TURNPIKE_MAX_CONNECTIONS:-10000}",
      description =
          "Connections the data listeners (HTTP and HTTPS together) hold at most; more are closed"
              + " at once. Lowered at start to what the open-file limit allows (default:"
              + " ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(
      names = "--max-in-flight",
      defaultValue = "${env:TURNPIKE_MAX_IN_FLIGHT:-10000}",
      description =
          "Requests the data listeners have under way at most; one more is answered at once with"
              + " 503 Service Unavailable and its connection closed (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(
      names = "--header-timeout",
      defaultValue = "${env:TURNPIKE_HEADER_TIMEOUT:-20}",
      description =
          "Seconds a request's head may take to arrive, from its first byte (a new connection's"
              + " from its opening); bytes trickling in do not extend it (default:"
              + " ${DEFAULT-VALUE}).")
  int headerTimeoutSeconds;

  @Option(
      names = "--body-timeout",
      defaultValue = "${env:TURNPIKE_BODY_TIMEOUT:-60}",
      description =
          "Seconds a request's body may take to arrive after its head (default:"
              + " ${DEFAULT-VALUE}).")
  int bodyTimeoutSeconds;

  @Option(
      names = "--idle-timeout",
      defaultValue = "${env:TURNPIKE_IDLE_TIMEOUT:-350}",
      description =
          "Seconds a keep-alive connection may stay quiet between requests (default:"
              + " ${DEFAULT-VALUE}).")
  int idleTimeoutSeconds;

  @Option(
      names = "--clock-offset",
      hidden = true,
      defaultValue = "PT0S",
      description =
          "Test only: run the certificate lifecycle's clock ahead by this ISO-8601 duration (e.g."
              + " P340D).")
  Duration clockOffset;

  @Override
  public Integer call() throws Exception {
    if ((adminAccessKeyId == null) != (adminSecretAccessKey == null)) {
      System.err.println(
          "turnpike: --admin-access-key-id and --admin-secret-access-key go together");
      return 2;
    }
    if (accountRate < 0 || accountBurst < 0) {
      System.err.println("turnpike: --account-rate and --account-burst must be >= 0");
      return 2;
    }
    LogLimits logLimits;
    try {
      logLimits = new LogLimits(logMaxBytes, logKeep);
    } catch (IllegalArgumentException e) {
      System.err.println("turnpike: --log-max-bytes, --log-keep: " + e.getMessage());
      return 2;
    }
    LambdaSettings lambda;
    try {
      lambda = lambdaOptions.settings();
    } catch (IllegalArgumentException e) {
      System.err.println("turnpike: " + e.getMessage());
      return 2;
    }
    if (maxConnections <= 0
        || maxInFlight <= 0
        || headerTimeoutSeconds <= 0
        || bodyTimeoutSeconds <= 0
        || idleTimeoutSeconds <= 0) {
      System.err.println(
          "turnpike: --max-connections, --max-in-flight, --header-timeout, --body-timeout and"
              + " --idle-timeout must be > 0");
      return 2;
    }
    ListenerLimits listenerLimits =
        ListenerLimits.apiGatewayDefaults()
            .with(
                Duration.ofSeconds(headerTimeoutSeconds),
                Duration.ofSeconds(bodyTimeoutSeconds),
                Duration.ofSeconds(idleTimeoutSeconds),
                maxConnections)
            .withMaxInFlight(maxInFlight);
    disableLeakSamplingUnlessAsked();
    ServeConfig config =
        new ServeConfig(
            dataDir,
            bind,
            httpPort,
            httpsPort,
            adminPort,
            region,
            domainSuffix,
            adminAccessKeyId,
            adminSecretAccessKey,
            accountRate,
            accountBurst,
            logLimits,
            listenerLimits);
    // The hook is registered before the start writes endpoints.json: a SIGTERM sent as soon as the
    // file appears
    // (scripts, tests) waits for the start to finish and then shuts down cleanly, instead of
    // finding no hook.
    AtomicReference<TurnpikeRuntime> started = new AtomicReference<>();
    CountDownLatch startDone = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    startDone.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  TurnpikeRuntime r = started.get();
                  if (r != null) {
                    r.close();
                  }
                  stopped.countDown();
                },
                "turnpike-shutdown"));
    TurnpikeRuntime runtime;
    try {
      runtime =
          TurnpikeRuntime.start(
              config, clockOffset, lambda, storeOptions.cluster(counters, countersPrefix));
      started.set(runtime);
    } catch (StartupException e) {
      System.err.println("turnpike: " + e.getMessage());
      return 1;
    } finally {
      startDone.countDown();
    }
    for (String line : runtime.endpointLines()) {
      System.out.println(line);
    }
    System.out.flush();
    stopped.await();
    return 0;
  }

  /**
   * Netty's default leak detection samples one buffer in 128 and records a stack trace for each:
   * 2.5 % of the CPU of a proxied request in the S1 profile (docs/performance.md). The gateway
   * turns it off unless {@code -Dio.netty.leakDetection.level} asks for a level; the test suite
   * runs every server at PARANOID and fails on any LEAK report, which is where leaks are meant to
   * be found.
   */
  private static void disableLeakSamplingUnlessAsked() {
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }
}
