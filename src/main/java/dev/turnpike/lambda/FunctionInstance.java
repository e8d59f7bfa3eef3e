package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One execution environment: a local process running a runtime against its own {@link
 * RuntimeEndpoint}. It serves one invocation at a time (the pool sees to that) and stays warm
 * between them. Its output (stdout and stderr together) is pumped by a daemon thread into the
 * function's log and into the current invocation's capture, for the log tail.
 */
final class FunctionInstance {
  private final FunctionConfig config;
  private final RuntimeApiServer server;
  private final RuntimeEndpoint endpoint;
  private final Process process;
  private final FunctionLog log;
  private final long startNanos;
  private @Nullable StringBuilder capture; // guarded by this
  private volatile boolean pumpWaiting; // blocked in read(): all bytes so far are passed on
  private volatile long pumped; // bytes passed on; written only by the pump
  private boolean warm; // only the invoking thread that holds the instance reads or writes it

  private FunctionInstance(
      FunctionConfig config,
      RuntimeApiServer server,
      RuntimeEndpoint endpoint,
      Process process,
      FunctionLog log,
      long startNanos) {
    this.config = config;
    this.server = server;
    this.endpoint = endpoint;
    this.process = process;
    this.log = log;
    this.startNanos = startNanos;
  }

  /** Starts the process with exactly the environment {@code env} (nothing of Turnpike's own). */
  static FunctionInstance start(
      FunctionConfig config,
      RuntimeApiServer server,
      RuntimeEndpoint endpoint,
      List<String> command,
      Map<String, String> env,
      FunctionLog log) {
    requireNonNull(config, "config");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(config.codeDir().toFile()).redirectErrorStream(true);
    // Scrubbed: the parent's variables (admin credentials among them) must not leak in.
    builder.environment().clear();
    builder.environment().putAll(env);
    long startNanos = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      server.unregister(endpoint);
      throw new UncheckedIOException("cannot start " + command, e);
    }
    FunctionInstance instance =
        new FunctionInstance(config, server, endpoint, process, log, startNanos);
    Thread pump = new Thread(instance::pump, "turnpike-lambda-log-" + config.name());
    pump.setDaemon(true);
    pump.start();
    return instance;
  }

  RuntimeEndpoint endpoint() {
    return endpoint;
  }

  /** The process's exit, with its exit status. */
  CompletableFuture<Process> exited() {
    return process.onExit();
  }

  long pid() {
    return process.pid();
  }

  long startNanos() {
    return startNanos;
  }

  boolean warm() {
    return warm;
  }

  void markWarm() {
    warm = true;
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Starts collecting output lines for one invocation's log tail. */
  synchronized void beginCapture(String firstLines) {
    capture = new StringBuilder(firstLines);
  }

  /** Stops collecting and returns what was collected, with {@code lastLines} appended. */
  synchronized String endCapture(String lastLines) {
    StringBuilder c = capture;
    capture = null;
    return c == null ? lastLines : c.append(lastLines).toString();
  }

  /** The process's peak resident memory (Linux {@code VmHWM}), in MB; 0 if unknown. */
  long maxMemoryUsedMb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring(6).replace("kB", "").trim();
          return Math.max(1, Long.parseLong(kb) / 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone: the REPORT line still needs a number.
    }
    return 0;
  }

  /** Stops the process (and its children) and forgets the endpoint. */
  void kill() {
    server.unregister(endpoint);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public String toString() {
    return "FunctionInstance[" + config.name() + ", pid " + process.pid() + "]";
  }

  /**
   * Waits (at most {@code maxMillis}) until the pump has passed on what the process wrote before
   * answering, so a handler's last lines land before {@code END}: the reply comes over a socket,
   * the output over a pipe, and the two race. Bytes already in the pipe wake the pump at once, so
   * the pump idle in {@code read()} across a millisecond with nothing new is taken as drained. (Not
   * {@code available()}: the JDK's process stream locks it against the blocked read.)
   */
  void drainOutput(long maxMillis) {
    long deadline = System.nanoTime() + maxMillis * 1_000_000;
    try {
      long seen = -1;
      while (System.nanoTime() < deadline) {
        long now = pumped;
        if (pumpWaiting && now == seen) {
          return;
        }
        seen = pumpWaiting ? now : -1;
        Thread.sleep(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pump() {
    // Raw reads (no BufferedReader): when read() blocks, every byte read so far is passed on,
    // which is what drainOutput relies on.
    InputStream in = process.getInputStream();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    try (in) {
      while (true) {
        pumpWaiting = true;
        int n = in.read(buf);
        pumpWaiting = false;
        if (n < 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          line.write(buf[i]);
          if (buf[i] == '\n') {
            emit(line.toString(StandardCharsets.UTF_8));
            line.reset();
          }
        }
        total += n;
        pumped = total;
      }
      if (line.size() > 0) {
        emit(line.toString(StandardCharsets.UTF_8) + "\n");
      }
    } catch (IOException | UncheckedIOException e) {
      // The process was killed or the log is unwritable: the invoke reports what it saw.
    } finally {
      pumpWaiting = true;
    }
  }

  private void emit(String text) {
    log.append(text);
    synchronized (this) {
      if (capture != null) {
        capture.append(text);
      }
    }
  }
}
