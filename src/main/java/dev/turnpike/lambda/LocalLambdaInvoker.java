package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link LambdaInvoker} on local processes: one {@link InstancePool} per function, one {@link
 * RuntimeApiServer} for all instances. A cold start runs on a {@code turnpike-lambda-invoke} thread
 * that waits for the new runtime; a warm instance is invoked without one ({@link WarmInvoke}), its
 * answer completing the future on the Runtime API's loop ({@link #invokeFromEventLoop}) or, with
 * the log tail, on an invoker thread ({@link #invoke}).
 */
public final class LocalLambdaInvoker implements LambdaInvoker {
  private final RuntimeApiServer server;
  private final LambdaRuntimes runtimes;
  private final Path logsDir;
  private final Clock clock;
  private final ExecutorService executor;
  private final Map<String, InstancePool> pools = new ConcurrentHashMap<>();
  private final Map<String, FunctionLog> logs = new ConcurrentHashMap<>();
  private final Map<String, FunctionSlots> slots = new ConcurrentHashMap<>();
  private final EventInvocations events;
  private final RemoteInvoker remote;
  private volatile ExecutionRoles roles = ExecutionRoles.NONE;

  private LocalLambdaInvoker(
      RuntimeApiServer server,
      LambdaRuntimes runtimes,
      Path logsDir,
      Clock clock,
      EventRetries retries,
      Consumer<String> log) {
    this.server = server;
    this.runtimes = runtimes;
    this.logsDir = logsDir;
    this.clock = clock;
    this.events = new EventInvocations(this, retries, log);
    AtomicInteger count = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "turnpike-lambda-invoke-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.remote = new RemoteInvoker(executor, System.getenv(), clock);
  }

  /**
   * Starts the Runtime API and extracts the runtimes' files.
   *
   * @param runtimeDir where Turnpike's runtime files (bootstraps, the Java client) are written
   * @param logsDir where {@code {function}.log} files are appended
   * @param python the interpreter for {@code python3.x} functions (see {@link #locatePython})
   */
  public static LocalLambdaInvoker start(Path runtimeDir, Path logsDir, Path python, Clock clock) {
    return start(runtimeDir, logsDir, python, clock, EventRetries.AWS, line -> {});
  }

  /**
   * As {@link #start(Path, Path, Path, Clock)}, with how {@code Event} invocations are retried and
   * where a dropped event is reported.
   */
  public static LocalLambdaInvoker start(
      Path runtimeDir,
      Path logsDir,
      Path python,
      Clock clock,
      EventRetries retries,
      Consumer<String> log) {
    requireNonNull(runtimeDir, "runtimeDir");
    requireNonNull(logsDir, "logsDir");
    requireNonNull(python, "python");
    requireNonNull(clock, "clock");
    RuntimeFiles files = RuntimeFiles.extract(runtimeDir);
    // Java functions run on the JVM Turnpike runs on; node is asked for only when one starts.
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Supplier<Path> node = memoize(() -> locate("node", "-p", "process.execPath"));
    return new LocalLambdaInvoker(
        RuntimeApiServer.start(clock),
        new LambdaRuntimes(python, node, java, files),
        logsDir,
        clock,
        retries,
        log);
  }

  /**
   * The absolute path of {@code python3} on Turnpike's {@code PATH} (resolved once: functions run
   * with Lambda's own {@code PATH}, where a version manager's shims would not work).
   */
  public static Path locatePython() {
    return locate("python3", "-c", "import sys; print(sys.executable)");
  }

  /** Asks an interpreter on Turnpike's {@code PATH} where its executable is. */
  private static Path locate(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0 || out.isEmpty()) {
        throw new IllegalStateException(command[0] + " did not say where it is: " + out);
      }
      return Path.of(out);
    } catch (IOException e) {
      throw new UncheckedIOException(command[0] + " not found on PATH", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while locating " + command[0], e);
    }
  }

  /** Runs {@code s} once, on first use; a failure is not kept (the next start asks again). */
  private static Supplier<Path> memoize(Supplier<Path> s) {
    AtomicReference<@Nullable Path> found = new AtomicReference<>();
    return () -> {
      Path p = found.get();
      if (p == null) {
        p = s.get();
        found.set(p);
      }
      return p;
    };
  }

  /** The Runtime API's port (for tests and diagnostics). */
  public int runtimeApiPort() {
    return server.port();
  }

  @Override
  public CompletableFuture<InvokeResult> invoke(
      FunctionConfig function, byte[] payload, InvokeOptions options) {
    return invoke(function, payload, options, true);
  }

  /**
   * A warm instance answers on the Runtime API's loop, straight into the caller's future: no
   * invoker thread between the caller's loop and the runtime, either way.
   */
  @Override
  public CompletableFuture<InvokeResult> invokeFromEventLoop(
      FunctionConfig function, byte[] payload) {
    return invoke(function, payload, InvokeOptions.NONE, false);
  }

  private CompletableFuture<InvokeResult> invoke(
      FunctionConfig function, byte[] payload, InvokeOptions options, boolean tail) {
    requireNonNull(function, "function");
    requireNonNull(payload, "payload");
    requireNonNull(options, "options");
    String forwardTo = function.forwardTo();
    if (forwardTo != null) {
      String id = options.requestId() != null ? options.requestId() : UUID.randomUUID().toString();
      return remote.invoke(function, forwardTo, payload, id, log(function));
    }
    if (!LambdaRuntimes.supported(function.runtime())) {
      // CreateFunction refuses these; reaching here is the caller's configuration error.
      throw new IllegalArgumentException("runtime: " + function.runtime() + " (not supported)");
    }
    String requestId =
        options.requestId() != null ? options.requestId() : UUID.randomUUID().toString();
    InstancePool pool = pool(function);
    InstancePool.Lease lease = pool.acquire();
    if (lease == null) {
      return CompletableFuture.completedFuture(InvokeRun.throttled(requestId));
    }
    FunctionLog log = log(function);
    FunctionInstance warm = lease.instance();
    if (warm != null) {
      return new WarmInvoke(function, pool, log, warm, executor, tail, requestId, payload, options)
          .start();
    }
    // A cold start blocks (the process, the role's session, the runtime's init): a thread waits.
    InvokeRun run = new InvokeRun(function, pool, log, this::startInstance);
    return CompletableFuture.supplyAsync(() -> run.run(requestId, payload, options), executor);
  }

  private InstancePool pool(FunctionConfig function) {
    String key = poolKey(function.name(), function.version());
    InstancePool pool = pools.get(key); // no computeIfAbsent lambda on the common path
    if (pool != null) {
      return pool;
    }
    return pools.computeIfAbsent(
        key,
        n ->
            new InstancePool(
                slots.computeIfAbsent(
                    function.name(), f -> new FunctionSlots(function.reservedConcurrency()))));
  }

  /** {@code f} with its execution role's credentials, when it has none and some can be had. */
  private FunctionConfig withRole(FunctionConfig f) {
    if (f.credentials() != null) {
      return f;
    }
    FunctionConfig.Credentials issued = roles.credentials(f);
    return issued == null ? f : f.withCredentials(issued);
  }

  @Override
  public String invokeEvent(FunctionConfig function, byte[] payload) {
    return events.submit(function, payload, InvokeOptions.NONE);
  }

  /**
   * Where instances get their execution role's credentials from (the control plane's STS, set once
   * it runs).
   */
  public void useExecutionRoles(ExecutionRoles roles) {
    this.roles = requireNonNull(roles, "roles");
  }

  private FunctionInstance startInstance(FunctionConfig config, FunctionLog log) {
    FunctionConfig f = withRole(config);
    var command =
        runtimes
            .command(f)
            .orElseThrow(
                () -> new IllegalArgumentException("runtime: " + f.runtime() + " (not supported)"));
    RuntimeEndpoint endpoint = server.register();
    String stream =
        ExecutionEnvironment.logStreamName(
            LocalDate.now(clock), f.version(), endpoint.token.substring(0, 32));
    Map<String, String> env =
        ExecutionEnvironment.of(
            f,
            server.address(endpoint),
            runtimes.runtimeDir(f),
            stream,
            LambdaRuntimes.environment(f));
    return FunctionInstance.start(f, server, endpoint, command, env, log);
  }

  private FunctionLog log(FunctionConfig function) {
    return logs.computeIfAbsent(function.name(), n -> new FunctionLog(logsDir.resolve(n + ".log")));
  }

  /** Instances are pooled per version: a version's code and configuration never change. */
  private static String poolKey(String functionName, String version) {
    return functionName + ":" + version;
  }

  @Override
  public void retire(String functionName) {
    String prefix = requireNonNull(functionName, "functionName") + ":";
    slots.remove(functionName); // its limit may have changed: the next pool takes the new one
    for (String key : List.copyOf(pools.keySet())) {
      if (key.startsWith(prefix)) {
        retireKey(key);
      }
    }
  }

  @Override
  public void retire(String functionName, String version) {
    retireKey(poolKey(functionName, version));
  }

  private CompletableFuture<Void> retireKey(String key) {
    InstancePool pool = pools.remove(key);
    return pool == null ? CompletableFuture.completedFuture(null) : pool.retire();
  }

  @Override
  public void close() {
    CompletableFuture<?>[] stopping =
        List.copyOf(pools.keySet()).stream().map(this::retireKey).toArray(CompletableFuture[]::new);
    try {
      // The instances' last lines reach their logs before the logs close.
      CompletableFuture.allOf(stopping).get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // Closing anyway: a log may miss a killed instance's last lines.
    }
    events.close();
    executor.shutdownNow();
    logs.values().forEach(FunctionLog::close);
    server.close();
  }
}
