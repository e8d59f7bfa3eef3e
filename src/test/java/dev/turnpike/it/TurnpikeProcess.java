package dev.turnpike.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Turnpike: {@code java -jar <turnpike.jar> serve --data-dir <dir> --http-port 0
 * --admin-port 0} as a child process. {@link #start} returns once the process has written {@code
 * endpoints.json} naming its own pid (a file left behind by a killed predecessor is ignored).
 * Output goes to {@code <dir>/../turnpike-<n>.log}.
 */
final class TurnpikeProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STARTUP = Duration.ofSeconds(40);

  private final Path dataDir;
  private final List<String> extraArgs;
  private List<String> commandPrefix = List.of();
  private Process process;
  private Endpoints endpoints;
  private int starts;

  /** What {@code endpoints.json} says about a running Turnpike. */
  record Endpoints(
      int httpPort,
      int adminPort,
      String accountId,
      Path credentialsFile,
      long pid,
      int httpsPort,
      Path caFile) {}

  /** The {@code [default]} profile of the credentials file. */
  record Credentials(String accessKeyId, String secretAccessKey) {}

  private TurnpikeProcess(Path dataDir, List<String> extraArgs) {
    this.dataDir = dataDir;
    this.extraArgs = List.copyOf(extraArgs);
  }

  /**
   * Starts a Turnpike on {@code dataDir} (created if missing), with extra {@code serve} options.
   */
  static TurnpikeProcess start(Path dataDir, String... serveArgs)
      throws IOException, InterruptedException {
    TurnpikeProcess p = new TurnpikeProcess(dataDir.toAbsolutePath(), List.of(serveArgs));
    p.launch();
    return p;
  }

  /**
   * As {@link #start}, with the java command run through {@code prefix} (e.g. {@code prlimit
   * --nofile=600:600} to start under another open-file limit).
   */
  static TurnpikeProcess startWrapped(Path dataDir, List<String> prefix, String... serveArgs)
      throws IOException, InterruptedException {
    TurnpikeProcess p = new TurnpikeProcess(dataDir.toAbsolutePath(), List.of(serveArgs));
    p.commandPrefix = List.copyOf(prefix);
    p.launch();
    return p;
  }

  /** What the process wrote to stdout and stderr so far (its first start). */
  String output() throws IOException {
    return Files.readString(dataDir.resolveSibling(dataDir.getFileName() + "-turnpike-1.log"));
  }

  static Path jar() {
    String jar = System.getProperty("turnpike.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException(
          "system property turnpike.jar must name the shaded jar (run through "
              + "Failsafe after package), got: "
              + jar);
    }
    return Path.of(jar);
  }

  private void launch() throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Path endpointsFile = dataDir.resolve("endpoints.json");
    starts++;
    Path log = dataDir.resolveSibling(dataDir.getFileName() + "-turnpike-" + starts + ".log");
    List<String> cmd = new ArrayList<>(commandPrefix);
    cmd.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // Every buffer tracked: a leak anywhere on a real request path fails the test that
            // caused it (close()).
            "-Dio.netty.leakDetection.level=paranoid",
            "-jar",
            jar().toString(),
            "serve",
            "--data-dir",
            dataDir.toString(),
            "--http-port",
            "0",
            "--admin-port",
            "0",
            "--https-port",
            "0"));
    cmd.addAll(extraArgs);
    process =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "turnpike exited with " + process.exitValue() + ":\n" + readQuietly(log));
      }
      Endpoints e = readEndpoints(endpointsFile);
      if (e != null && e.pid() == process.pid()) {
        endpoints = e;
        return;
      }
      Thread.sleep(50);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "turnpike did not write "
            + endpointsFile
            + " within "
            + STARTUP
            + ":\n"
            + readQuietly(log));
  }

  private static Endpoints readEndpoints(Path file) {
    try {
      JsonNode n = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      return new Endpoints(
          n.get("httpPort").asInt(),
          n.get("adminPort").asInt(),
          n.get("accountId").asText(),
          Path.of(n.get("credentialsFile").asText()),
          n.get("pid").asLong(),
          n.get("httpsPort").asInt(),
          Path.of(n.get("caFile").asText()));
    } catch (IOException | RuntimeException e) {
      return null; // not written yet (it is written atomically, so never half a file)
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  Endpoints endpoints() {
    return endpoints;
  }

  int httpPort() {
    return endpoints.httpPort();
  }

  int httpsPort() {
    return endpoints.httpsPort();
  }

  int adminPort() {
    return endpoints.adminPort();
  }

  Path dataDir() {
    return dataDir;
  }

  Process process() {
    return process;
  }

  /** The {@code [default]} profile as the credentials file holds it now. */
  Credentials credentials() throws IOException {
    String key = null;
    String secret = null;
    boolean inDefault = false;
    for (String line : Files.readAllLines(endpoints.credentialsFile(), StandardCharsets.UTF_8)) {
      String t = line.trim();
      if (t.startsWith("[")) {
        inDefault = t.equals("[default]");
      } else if (inDefault && t.startsWith("aws_access_key_id")) {
        key = t.substring(t.indexOf('=') + 1).trim();
      } else if (inDefault && t.startsWith("aws_secret_access_key")) {
        secret = t.substring(t.indexOf('=') + 1).trim();
      }
    }
    if (key == null || secret == null) {
      throw new IllegalStateException("no [default] profile in " + endpoints.credentialsFile());
    }
    return new Credentials(key, secret);
  }

  private void sweepSecrets() {
    String secret = null;
    try {
      if (endpoints != null) {
        secret = credentials().secretAccessKey();
      }
    } catch (IOException | RuntimeException e) {
      // no credentials file: nothing of it to find
    }
    List<Path> outputs = new ArrayList<>();
    for (int run = 1; run <= starts; run++) {
      outputs.add(dataDir.resolveSibling(dataDir.getFileName() + "-turnpike-" + run + ".log"));
    }
    Path logs = dataDir.resolve("logs");
    if (Files.isDirectory(logs)) {
      try (var files = Files.walk(logs)) {
        files.filter(Files::isRegularFile).forEach(outputs::add);
      } catch (IOException e) {
        throw new AssertionError("cannot read " + logs, e);
      }
    }
    for (Path file : outputs) {
      if (!Files.exists(file)) {
        continue;
      }
      String text = readQuietly(file);
      if (secret != null && !secret.isEmpty() && text.contains(secret)) {
        throw new AssertionError("the administrator's secret access key appears in " + file);
      }
      if (text.contains("PRIVATE KEY-----")) {
        throw new AssertionError("a PEM private key appears in " + file);
      }
    }
  }

  /** SIGTERM, and wait for the shutdown hook to finish. */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** SIGKILL: no shutdown hook, no flush, no cleanup, as a crash or an OOM killer would. */
  void kill() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Starts a new process on the same data directory (after {@link #stop} or {@link #kill}). */
  void restart() throws IOException, InterruptedException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("still running: stop or kill it first");
    }
    launch();
  }

  /**
   * Kills the process, then fails if any of its runs reported a Netty buffer leak, or if a secret
   * reached what the process wrote (issue 22, secrets sweep). A leak report appears only once the
   * collector finds the lost buffer, so this catches leaks the run made often enough to be
   * collected. Every IT closes its processes here, so the sweep covers the whole IT suite: the
   * administrator's secret access key and any PEM private key must appear in no process output and
   * no file under the data directory's {@code logs} (access logs, decision records, execution
   * logs).
   */
  @Override
  public void close() throws InterruptedException {
    kill();
    sweepSecrets();
    for (int run = 1; run <= starts; run++) {
      Path log = dataDir.resolveSibling(dataDir.getFileName() + "-turnpike-" + run + ".log");
      String text = Files.exists(log) ? readQuietly(log) : "";
      int leak = text.indexOf("LEAK:");
      if (leak >= 0) {
        throw new AssertionError(
            "Netty reported a buffer leak in "
                + log
                + ":\n"
                + text.substring(leak, Math.min(text.length(), leak + 4000)));
      }
    }
  }
}
