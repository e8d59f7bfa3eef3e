package dev.turnpike.lambda;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One execution environment: a local process running a runtime against its own {@link
 * RuntimeEndpoint}. It serves one invocation at a time (the pool sees to that) and stays warm
 * between them. Its output (stdout and stderr together) goes to a file of its own, appended by the
 * process itself; at the end of each invocation {@link #drainOutput()} moves what is new into the
 * function's log and the invocation's capture (the log tail). A file rather than a pipe read by a
 * thread makes the order deterministic: whatever the process wrote before it posted its answer to
 * the Runtime API is already in the file when the answer arrives, so a handler's last lines always
 * land before {@code END}, however busy the machine.
 */
final class FunctionInstance {
  private final FunctionConfig config;
  private final RuntimeApiServer server;
  private final RuntimeEndpoint endpoint;
  private final Process process;
  private final Path statusFile;
  private final FunctionLog log;
  private final long startNanos;

  /** Where the process's stdout and stderr go (appended by the process); deleted with it. */
  private final Path output;

  /** Bytes of {@link #output} already passed on, and an unfinished last line held back. */
  private long outputRead; // guarded by this

  private @Nullable FileChannel outputChannel; // guarded by this
  private final ByteBuffer drainBuffer = ByteBuffer.allocate(8192); // guarded by this

  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream(); // guarded by this
  private @Nullable StringBuilder capture; // guarded by this
  private boolean warm; // only the invoking thread that holds the instance reads or writes it

  /**
   * Completes when the last warm invocation's log lines are written ({@link WarmInvoke} gives the
   * instance back to the pool before that, so as not to hold its caller): the next invocation's
   * event, and a kill, wait for it, so that each invocation's lines stay between its START and END.
   */
  private volatile CompletableFuture<Void> settled = CompletableFuture.completedFuture(null);

  private FunctionInstance(
      FunctionConfig config,
      RuntimeApiServer server,
      RuntimeEndpoint endpoint,
      Process process,
      FunctionLog log,
      long startNanos,
      Path output) {
    this.config = config;
    this.server = server;
    this.endpoint = endpoint;
    this.process = process;
    this.statusFile = Path.of("/proc/" + process.pid() + "/status");
    this.log = log;
    this.startNanos = startNanos;
    this.output = output;
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
    Path output;
    try {
      output = Files.createTempFile("turnpike-lambda-" + config.name() + "-", ".out");
    } catch (IOException e) {
      server.unregister(endpoint);
      throw new UncheckedIOException("cannot create the output file of " + config.name(), e);
    }
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(config.codeDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
    // Scrubbed: the parent's variables (admin credentials among them) must not leak in.
    builder.environment().clear();
    builder.environment().putAll(env);
    long startNanos = System.nanoTime();
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      server.unregister(endpoint);
      deleteQuietly(output);
      throw new UncheckedIOException("cannot start " + command, e);
    }
    FunctionInstance instance =
        new FunctionInstance(config, server, endpoint, process, log, startNanos, output);
    process.onExit().thenRun(endpoint::processExited);
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

  /** The last warm invocation's log lines are written once this completes. */
  CompletableFuture<Void> settled() {
    return settled;
  }

  /**
   * A warm invocation answered and its lines are yet to be written: returns the future that says
   * they are (its holder completes it).
   */
  CompletableFuture<Void> unsettle() {
    CompletableFuture<Void> s = new CompletableFuture<>();
    settled = s;
    return s;
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
      // Read once per invoke (the REPORT line): the bytes scanned in place, no lines decoded.
      return vmHwmMb(Files.readAllBytes(statusFile));
    } catch (IOException | RuntimeException e) {
      // Not Linux, or the process is gone: the REPORT line still needs a number.
      return 0;
    }
  }

  /** The {@code VmHWM: 1234 kB} figure of a {@code /proc/{pid}/status} text in MB (at least 1). */
  static long vmHwmMb(byte[] status) {
    byte[] key = {'V', 'm', 'H', 'W', 'M', ':'};
    outer:
    for (int i = 0; i + key.length <= status.length; i++) {
      if (i > 0 && status[i - 1] != '\n') {
        continue;
      }
      for (int k = 0; k < key.length; k++) {
        if (status[i + k] != key[k]) {
          continue outer;
        }
      }
      long kb = 0;
      boolean digits = false;
      for (int j = i + key.length; j < status.length && status[j] != '\n'; j++) {
        byte b = status[j];
        if (b >= '0' && b <= '9') {
          kb = kb * 10 + (b - '0');
          digits = true;
        } else if (digits) {
          break;
        }
      }
      return digits ? Math.max(1, kb / 1024) : 0;
    }
    return 0;
  }

  /**
   * Stops the process (and its children) and forgets the endpoint; completes once its last output
   * is in the function's log.
   */
  CompletableFuture<Void> kill() {
    CompletableFuture<Void> s = settled;
    return s.isDone() ? killNow() : s.thenCompose(v -> killNow());
  }

  private CompletableFuture<Void> killNow() {
    server.unregister(endpoint);
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    return process.onExit().thenRun(this::closeOutput);
  }

  /** After the process is gone: its last unfinished line to the log, then the file goes. */
  private synchronized void closeOutput() {
    drainOutput();
    if (partialLine.size() > 0) {
      emit(partialLine.toString(StandardCharsets.UTF_8) + "\n");
      partialLine.reset();
    }
    FileChannel in = outputChannel;
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // Nothing more is read from it.
      }
      outputChannel = null;
    }
    deleteQuietly(output);
  }

  @Override
  public String toString() {
    return "FunctionInstance[" + config.name() + ", pid " + process.pid() + "]";
  }

  /**
   * Passes on what the process wrote since the last call: complete lines to the function's log and
   * the current capture; an unfinished last line waits for its newline (or for {@link #kill()}).
   */
  synchronized void drainOutput() {
    try {
      FileChannel in = outputChannel;
      if (in == null) { // opened once: reopening it per invocation cost a channel and a buffer
        in = FileChannel.open(output, StandardOpenOption.READ);
        outputChannel = in;
      }
      ByteBuffer buf = drainBuffer;
      buf.clear();
      long position = outputRead;
      int n;
      while ((n = in.read(buf, position)) > 0) {
        position += n;
        buf.flip();
        while (buf.hasRemaining()) {
          byte b = buf.get();
          partialLine.write(b);
          if (b == '\n') {
            emit(partialLine.toString(StandardCharsets.UTF_8));
            partialLine.reset();
          }
        }
        buf.clear();
      }
      outputRead = position;
    } catch (IOException | UncheckedIOException e) {
      // The file is gone or the log is unwritable: the invoke reports what it saw.
    }
  }

  private void emit(String text) {
    log.append(text);
    if (capture != null) {
      capture.append(text);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary file: the system's cleanup gets it.
    }
  }
}
