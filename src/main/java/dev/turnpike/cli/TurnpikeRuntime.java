package dev.turnpike.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.auth.sigv4.SigV4Verifier;
import dev.turnpike.authorizer.AuthorizerStage;
import dev.turnpike.authorizer.AuthorizerTests;
import dev.turnpike.authorizer.CognitoAuthorizer;
import dev.turnpike.control.Accounts;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlPlane;
import dev.turnpike.control.ControlRequest;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.acm.AcmService;
import dev.turnpike.control.admin.AdminService;
import dev.turnpike.control.admin.PeerDecisions;
import dev.turnpike.control.apigateway.ApiGatewayService;
import dev.turnpike.control.apigateway.AuthorizerTester;
import dev.turnpike.control.apigatewayv2.ApiGatewayV2Service;
import dev.turnpike.control.cloudwatch.CloudWatchService;
import dev.turnpike.control.cognito.CognitoService;
import dev.turnpike.control.iam.IamAccess;
import dev.turnpike.control.iam.IamService;
import dev.turnpike.control.lambda.LambdaService;
import dev.turnpike.control.logs.LogsService;
import dev.turnpike.control.sts.LambdaExecutionRoles;
import dev.turnpike.control.sts.StsService;
import dev.turnpike.counters.Counters;
import dev.turnpike.counters.Ticker;
import dev.turnpike.counters.UsageFlusher;
import dev.turnpike.decision.DecisionLog;
import dev.turnpike.doctor.CertificateDoctor;
import dev.turnpike.doctor.Doctor;
import dev.turnpike.integration.IntegrationRegistry;
import dev.turnpike.integration.http.BackendClientOptions;
import dev.turnpike.integration.http.HttpBackendClient;
import dev.turnpike.lambda.DisabledLambdaInvoker;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.lambda.LambdaInvoker;
import dev.turnpike.lambda.LocalLambdaInvoker;
import dev.turnpike.observe.AccessLog;
import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.observe.Metrics;
import dev.turnpike.observe.metrics.RequestMetrics;
import dev.turnpike.pipeline.ExchangeMetrics;
import dev.turnpike.pipeline.IamAuthorizationStage;
import dev.turnpike.pipeline.RequestPath;
import dev.turnpike.pipeline.Stages;
import dev.turnpike.routing.HostClassifier;
import dev.turnpike.server.ControlPlaneEndpoint;
import dev.turnpike.server.DescriptorBudget;
import dev.turnpike.server.GatewayServer;
import dev.turnpike.server.ListenerLimits;
import dev.turnpike.snapshot.MeteringCompiler;
import dev.turnpike.snapshot.SnapshotCompiler;
import dev.turnpike.snapshot.SnapshotPublisher;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Documents;
import dev.turnpike.template.TemplateEngine;
import dev.turnpike.testinvoke.DraftMethodTester;
import dev.turnpike.tls.CertificateExpiry;
import dev.turnpike.tls.CertificateInventory;
import dev.turnpike.tls.CertificateLifecycle;
import dev.turnpike.tls.CertificateRenewal;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.TlsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The composition root of a running Turnpike: opens the store, makes sure the default account
 * exists, compiles the first snapshot, binds the listeners and writes {@code endpoints.json}.
 * {@link #close()} shuts down in the reverse order, letting in-flight requests finish.
 */
public final class TurnpikeRuntime implements AutoCloseable {
  private final ServeConfig config;
  private final DataDir dataDir;
  private final ConfigStore store;
  private final SnapshotPublisher publisher;
  private final GatewayServer server;
  private final HttpBackendClient backendClient;
  private final AccessLog accessLog;
  private final ExecutionLog executionLog;
  private final DecisionLog decisionLog;
  private final UsageFlusher usageFlusher;
  private final Counters counters;
  private final ExecutorService controlExecutor;
  private final LambdaInvoker lambdaInvoker;
  private final @Nullable LocalLambdaInvoker localLambda;
  private final OidcKeys oidcKeys = new OidcKeys();
  private final Accounts.AdminCredentials admin;
  private final int httpPort;
  private final int httpsPort;
  private final int adminPort;
  private final Https https;
  private @Nullable CertificateLifecycle certificateLifecycle;
  private final @Nullable ClusterNodes clusterNodes;
  private volatile boolean closed;

  private TurnpikeRuntime(
      ServeConfig config,
      Duration certificateClockOffset,
      LambdaSettings lambda,
      ClusterOptions cluster)
      throws StartupException {
    this.config = config;
    this.dataDir = new DataDir(config.dataDir());
    Clock clock = Clock.systemUTC();
    // Test-only (--clock-offset): shifts the certificate lifecycle's "now", never SigV4's or the
    // data plane's.
    Clock certificateClock = Clock.offset(clock, certificateClockOffset);
    try {
      Files.createDirectories(dataDir.root());
      this.store = cluster.openStore(dataDir.root());
    } catch (StartupException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new StartupException(
          "cannot open the data directory "
              + dataDir.root()
              + ": "
              + e.getMessage()
              + " (is another Turnpike using it?)",
          e);
    }
    Accounts accounts = new Accounts(store, clock);
    try {
      this.admin =
          accounts.ensureAccount(
              "default", config.adminAccessKeyId(), config.adminSecretAccessKey());
      dataDir.writeCredentials("default", admin);
      this.accessLog = new AccessLog(dataDir.accessLog(), config.logLimits());
    } catch (IOException | RuntimeException e) {
      store.close();
      throw new StartupException("cannot prepare the data directory: " + e.getMessage(), e);
    }
    try {
      this.counters = cluster.openCounters(Ticker.system(), clock);
    } catch (StartupException e) {
      store.close();
      throw e;
    }
    ControlContext ctx = new ControlContext(store, clock, config.region(), () -> {});
    this.usageFlusher =
        new UsageFlusher(
            counters,
            ApiGatewayService.usageSink(ctx),
            1000,
            cluster.sharedStore() ? 5 : 0, // other nodes' counts: read every 5 s (docs/cluster.md)
            e -> System.err.println("turnpike: usage flush failed, will retry: " + e));
    usageFlusher.restore();
    this.executionLog =
        ExecutionLog.to(dataDir.root().resolve("logs").resolve("execution"), config.logLimits());
    try {
      this.decisionLog =
          DecisionLog.spillingTo(
              dataDir.root().resolve("logs").resolve("decisions"),
              DecisionLog.DEFAULT_CAPACITY,
              DecisionLog.DEFAULT_MAX_BYTES,
              DecisionLog.DEFAULT_KEEP);
    } catch (IOException e) {
      store.close();
      throw new StartupException(
          "cannot create " + dataDir.root().resolve("logs/decisions") + ": " + e.getMessage(), e);
    }
    // The event loops and the backend client exist before the first compile: it binds integrations
    // to them.
    this.server = new GatewayServer(Math.max(1, Runtime.getRuntime().availableProcessors()), clock);
    this.backendClient =
        HttpBackendClient.create(
            server.workers(),
            server.transport().clientChannel(),
            BackendClientOptions.defaults(),
            Ticker.system());
    MeteringCompiler metering =
        new MeteringCompiler(counters, config.accountRate(), config.accountBurst());
    Path lambdaDir = dataDir.root().resolve("lambda");
    this.localLambda =
        lambda.localExecution()
            ? LocalLambdaInvoker.start(
                lambdaDir,
                dataDir.root().resolve("logs").resolve("lambda"),
                python(),
                clock,
                lambda.retries(),
                TurnpikeRuntime::log)
            : null;
    this.lambdaInvoker = localLambda != null ? localLambda : new DisabledLambdaInvoker();
    FunctionDirectory functionDirectory =
        new FunctionDirectory(lambdaDir.resolve("functions"), lambda.concurrency());
    IntegrationRegistry integrations =
        new IntegrationRegistry(backendClient, lambdaInvoker, Ticker.system());
    this.publisher =
        new SnapshotPublisher(
            store,
            new SnapshotCompiler(TemplateEngine.create(), metering, integrations, clock)
                .withRegion(config.region())
                .withFunctions(functionDirectory)
                .withOidc(oidcKeys.cache())
                .withProblemLog(TurnpikeRuntime::log),
            e ->
                System.err.println(
                    "turnpike: snapshot rebuild failed, still serving the previous one: " + e));
    publisher.start();
    store.watch(publisher::requestRebuild); // other nodes' commits (shared store); polled as well
    usageFlusher.start();

    try {
      if (cluster.sharedStore()) {
        SharedCa.sync(store, dataDir.root(), clock, TurnpikeRuntime::log);
      }
      this.https = Https.start(dataDir.root(), config, clock);
    } catch (IOException | TlsException | RuntimeException e) {
      publisher.close();
      backendClient.close();
      server.close();
      store.close();
      throw new StartupException(
          "cannot prepare TLS (local CA in " + dataDir.root() + "): " + e.getMessage(), e);
    }
    this.controlExecutor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "turnpike-control");
              t.setDaemon(true);
              return t;
            });
    // Read-your-writes: an acknowledged write is already being served (compiles take milliseconds).
    ctx =
        new ControlContext(
            store, clock, config.region(), () -> publisher.rebuildAndAwait(Duration.ofSeconds(2)));
    // Each new Lambda instance gets a session of its function's execution role from this STS.
    if (localLambda != null) {
      localLambda.useExecutionRoles(
          new LambdaExecutionRoles(ctx, controlExecutor, TurnpikeRuntime::log));
    }
    this.clusterNodes =
        cluster.sharedStore() ? new ClusterNodes(store, admin, config.region(), clock) : null;
    IamAccess iamAccess = new IamAccess(store);
    Supplier<CertificateInventory> certificates =
        () ->
            publisher
                .current()
                .certificates()
                .inventory()
                .withDefault(
                    https.defaultCertificate().describe(), https.defaultCertificate().name());
    Metrics metrics =
        new Metrics(
            () ->
                CertificateExpiry.rows(certificates.get(), certificateClock.millis()).stream()
                    .map(
                        r ->
                            new Metrics.CertificateDays(
                                r.domainName(), r.certificateArn(), r.daysLeft()))
                    .toList());
    IamAuthorizationStage iamStage = new IamAuthorizationStage(config.region(), clock);
    AuthorizerStage authorizerStage =
        new AuthorizerStage(
            config.region(),
            executionLog,
            lambdaInvoker,
            Ticker.system(),
            new CognitoAuthorizer(clock),
            iamStage);
    RequestMetrics requestMetrics = new RequestMetrics(metrics);
    // One doctor for the admin API (`turnpike doctor`) and the knowledge-base pages' live checks.
    Doctor doctor =
        new Doctor(publisher::current, config.region(), clock, authorizerStage)
            .withCertificates(new CertificateDoctor(certificates, certificateClock));
    ControlPlane controlPlane =
        new ControlPlane(
            new SigV4Verifier(clock, accounts),
            Map.of(
                "apigateway",
                ApiGatewayV2Service.register(
                    ApiGatewayService.routes(
                        ctx,
                        counters,
                        config.domainSuffix(),
                        // TestInvokeMethod: a compiler of its own (the publisher's thread uses
                        // the other), the same integrations, a gateway loop per test.
                        new DraftMethodTester(
                            new SnapshotCompiler(
                                TemplateEngine.create(), null, integrations, clock),
                            publisher::current,
                            () -> server.workers().next(),
                            clock,
                            Ticker.system()),
                        authorizerTester(
                            new AuthorizerTests(
                                lambdaInvoker,
                                Ticker.system(),
                                publisher::current,
                                config.region(),
                                clock))),
                    ctx,
                    config.domainSuffix()),
                "acm",
                AcmService.routes(ctx, https.ca()),
                "iam",
                IamService.routes(ctx),
                "sts",
                StsService.routes(ctx),
                LambdaService.SERVICE,
                LambdaService.routes(ctx, lambdaInvoker, functionDirectory),
                LogsService.SERVICE,
                LogsService.routes(ctx, dataDir.root().resolve("logs")),
                CloudWatchService.SERVICE,
                CloudWatchService.routes(ctx, requestMetrics),
                CognitoService.SERVICE,
                CognitoService.routes(ctx),
                AdminService.SERVICE,
                AdminService.routes(
                    accounts,
                    publisher::requestRebuild,
                    decisionLog,
                    doctor,
                    clusterNodes == null ? PeerDecisions.NONE : clusterNodes)),
            config.region(),
            (caller, service, request) -> {
              if (service.equals("apigateway")) {
                iamAccess.authorizeApiGateway(
                    caller.accountId(),
                    caller.principalArn(),
                    request.method(),
                    request.rawPath(),
                    config.region());
              } else if (service.equals(CloudWatchService.SERVICE)) {
                String target = request.header("X-Amz-Target");
                if (target != null && !caller.principalArn().endsWith(":root")) {
                  iamAccess.authorize(
                      caller.accountId(),
                      caller.principalArn(),
                      "cloudwatch:" + target.substring(target.indexOf('.') + 1),
                      "*",
                      "AccessDeniedException");
                }
              } else if (service.equals(LogsService.SERVICE)) {
                String target = request.header("X-Amz-Target");
                if (target != null && !caller.principalArn().endsWith(":root")) {
                  iamAccess.authorize(
                      caller.accountId(),
                      caller.principalArn(),
                      "logs:" + target.substring(target.indexOf('.') + 1),
                      "arn:aws:logs:" + config.region() + ":" + caller.accountId() + ":log-group:*",
                      "AccessDeniedException");
                }
              } else if (service.equals(LambdaService.SERVICE)) {
                String action = LambdaService.action(request.method(), request.rawPath());
                if (action != null && !caller.principalArn().endsWith(":root")) {
                  iamAccess.authorize(
                      caller.accountId(),
                      caller.principalArn(),
                      action,
                      LambdaService.resource(
                          config.region(), caller.accountId(), request.rawPath()),
                      "AccessDeniedException");
                }
              } else if (service.equals(CognitoService.SERVICE)) {
                String action = CognitoService.action(request.header("X-Amz-Target"));
                if (action != null && !caller.principalArn().endsWith(":root")) {
                  iamAccess.authorize(
                      caller.accountId(),
                      caller.principalArn(),
                      action,
                      CognitoService.resource(config.region(), caller.accountId(), request.body()),
                      "AccessDeniedException");
                }
              }
            },
            CognitoService.unsignedRoutes(ctx));
    Health health = new Health(store, () -> publisher.current().revision());
    ControlPlaneEndpoint endpoint =
        (method, rawPath, rawQuery, headers, body, sourceIp) -> {
          if (method.equals("GET") && rawPath.startsWith(Health.PREFIX)) {
            return CompletableFuture.completedFuture(health.answer(rawPath));
          }
          if (method.equals("GET") && rawPath.equals(Metrics.PATH)) {
            // Unsigned on purpose: Prometheus scrapers cannot sign; the admin listener binds to
            // loopback by default.
            return CompletableFuture.completedFuture(
                new ControlPlaneEndpoint.Response(
                    200,
                    Map.of("Content-Type", Metrics.CONTENT_TYPE),
                    metrics.scrape().getBytes(StandardCharsets.UTF_8)));
          }
          ControlResponse r =
              controlPlane.handle(
                  new ControlRequest(method, rawPath, rawQuery, headers, body, sourceIp));
          CompletableFuture<ControlResponse> later = r.later();
          return later == null
              ? CompletableFuture.completedFuture(
                  new ControlPlaneEndpoint.Response(r.status(), r.headers(), r.body()))
              : later.thenApply(
                  done ->
                      new ControlPlaneEndpoint.Response(
                          done.status(), done.headers(), done.body()));
        };
    RequestPath requestPath =
        new RequestPath(
            Stages.forRestApi(
                new HostClassifier(config.region(), config.domainSuffix()),
                executionLog,
                iamStage,
                authorizerStage),
            Stages.forHttpApi(iamStage, authorizerStage.httpApis()),
            accessLog,
            decisionLog,
            new ExchangeMetrics(requestMetrics),
            Ticker.system(),
            clock);
    metrics.gauge(
        "turnpike.connections.open",
        "Connections the data listeners (HTTP and HTTPS) hold",
        server::openDataConnections);
    metrics.functionCounter(
        "turnpike.connections.refused",
        "Data-plane connections refused at --max-connections",
        server::refusedDataConnections);
    metrics.gauge(
        "turnpike.requests.in.flight",
        "Exchanges started whose reply has not been written",
        requestPath::inFlight);
    try {
      ListenerLimits asked = config.listenerLimits();
      DescriptorBudget budget = DescriptorBudget.forThisProcess(asked.maxConnections());
      if (budget.warning() != null) {
        log(budget.warning());
      }
      ListenerLimits limits = asked.withMaxConnections(budget.maxConnections());
      this.httpPort =
          server.bindHttp(
              config.bind(), config.httpPort(), limits, requestPath, publisher::current);
      this.httpsPort =
          server.bindHttps(
              config.bind(),
              config.httpsPort(),
              limits,
              requestPath,
              publisher::current,
              https.sniMapping(() -> publisher.current().certificates()));
      this.adminPort =
          server.bindAdmin(
              config.bind(),
              config.adminPort(),
              limits,
              endpoint,
              controlExecutor,
              KbPages.create(doctor));
      if (clusterNodes != null) {
        clusterNodes.register(config.bind(), adminPort); // other nodes can now ask this one
      }
      LocalCa issuer = https.ca().withClock(certificateClock);
      this.certificateLifecycle =
          new CertificateLifecycle(
              new CertificateRenewal(store, issuer, certificateClock, TurnpikeRuntime::log),
              https.defaultCertificate(),
              issuer,
              certificates,
              () -> publisher.rebuildAndAwait(Duration.ofSeconds(5)),
              certificateClock,
              TurnpikeRuntime::log);
      certificateLifecycle
          .start(); // the first check runs now, on its own thread: renewals, then expiry warnings
      dataDir.writeEndpoints(endpointsJson()); // last: readers take this file to mean "started"
    } catch (Exception e) {
      close();
      throw new StartupException(
          "cannot start the listeners on "
              + config.bind()
              + ": "
              + e.getMessage()
              + " (is the port in use? choose another with --http-port/--https-port/--admin-port,"
              + " or 0 for a free one)",
          e);
    }
  }

  public static TurnpikeRuntime start(ServeConfig config) throws StartupException {
    return new TurnpikeRuntime(
        config, Duration.ZERO, LambdaSettings.DEFAULT, ClusterOptions.SINGLE_NODE);
  }

  /**
   * {@code certificateClockOffset} (test-only): how far the certificate lifecycle's clock runs
   * ahead.
   */
  public static TurnpikeRuntime start(ServeConfig config, Duration certificateClockOffset)
      throws StartupException {
    return new TurnpikeRuntime(
        config, certificateClockOffset, LambdaSettings.DEFAULT, ClusterOptions.SINGLE_NODE);
  }

  /**
   * As {@link #start(ServeConfig, Duration)}, with {@code serve}'s Lambda options and what the node
   * shares with other nodes (store, counters).
   */
  static TurnpikeRuntime start(
      ServeConfig config,
      Duration certificateClockOffset,
      LambdaSettings lambda,
      ClusterOptions cluster)
      throws StartupException {
    return new TurnpikeRuntime(config, certificateClockOffset, lambda, cluster);
  }

  /** The server log: errors to stderr, everything else to stdout, as {@code serve} prints. */
  static void log(String line) {
    (line.startsWith("turnpike: ERROR") ? System.err : System.out).println(line);
  }

  public int httpPort() {
    return httpPort;
  }

  public int httpsPort() {
    return httpsPort;
  }

  public int adminPort() {
    return adminPort;
  }

  public Accounts.AdminCredentials admin() {
    return admin;
  }

  List<String> endpointLines() {
    String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
    return List.of(
        "turnpike: data plane    http://"
            + host
            + ":"
            + httpPort
            + "  (execute-api hosts: {apiId}.execute-api."
            + config.region()
            + "."
            + config.domainSuffix()
            + ")",
        "turnpike: data plane    https://"
            + host
            + ":"
            + httpsPort
            + "  ("
            + https.describe()
            + ")",
        "turnpike: local CA      " + https.caFile() + "  (trust it: ./turnpike ca trust)",
        "turnpike: control plane http://"
            + host
            + ":"
            + adminPort
            + "  (aws --endpoint-url http://localhost:"
            + adminPort
            + " apigateway ...)",
        "turnpike: credentials   "
            + dataDir.credentialsFile()
            + "  (account "
            + admin.accountId()
            + ")",
        "turnpike: ready");
  }

  private String endpointsJson() {
    ObjectNode n = Documents.MAPPER.createObjectNode();
    n.put("httpPort", httpPort);
    n.put("httpsPort", httpsPort);
    n.put("caFile", https.caFile().toString());
    n.put("adminPort", adminPort);
    n.put("bind", config.bind());
    n.put("region", config.region());
    n.put("domainSuffix", config.domainSuffix());
    n.put("accountId", admin.accountId());
    n.put("credentialsFile", dataDir.credentialsFile().toString());
    n.put("pid", ProcessHandle.current().pid());
    return n.toPrettyString();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (certificateLifecycle != null) {
      certificateLifecycle.close();
    }
    if (server != null) {
      server.shutdown(Duration.ofSeconds(10));
    }
    if (backendClient != null) {
      backendClient.close();
    }
    if (controlExecutor != null) {
      controlExecutor.shutdown();
    }
    if (lambdaInvoker != null) {
      lambdaInvoker.close(); // every function instance stopped
    }
    if (publisher != null) {
      publisher.close();
    }
    oidcKeys.close();
    if (accessLog != null) {
      accessLog.close();
    }
    if (executionLog != null) {
      executionLog.close();
    }
    if (decisionLog != null) {
      decisionLog.close();
    }
    if (usageFlusher != null) {
      usageFlusher.close(); // the last counts reach the store before it closes
    }
    if (counters != null) {
      counters.close(); // shared counters hand their unspent leases back
    }
    if (clusterNodes != null) {
      clusterNodes.deregister();
    }
    store.close();
    try {
      Files.deleteIfExists(dataDir.endpointsFile());
    } catch (IOException ignored) {
      // a stale endpoints.json names a pid that no longer runs; readers can tell
    }
  }

  /** The interpreter for python3.x functions: python3 on PATH (invokes fail clearly without it). */
  private static Path python() {
    try {
      return LocalLambdaInvoker.locatePython();
    } catch (RuntimeException e) {
      log("python3 not found (" + e.getMessage() + "); python functions will not start");
      return Path.of("python3");
    }
  }

  /** TestInvokeAuthorizer's control-plane interface over the authorizer package's tests. */
  private static AuthorizerTester authorizerTester(AuthorizerTests tests) {
    return (account, apiId, authorizer, r) ->
        tests
            .test(
                account,
                apiId,
                authorizer,
                r.headers(),
                r.pathWithQueryString(),
                r.stageVariables())
            .thenApply(
                o ->
                    new AuthorizerTester.Result(
                        o.clientStatus(),
                        o.log(),
                        o.latency(),
                        o.principalId(),
                        o.policy(),
                        java.util.Map.of()));
  }
}
