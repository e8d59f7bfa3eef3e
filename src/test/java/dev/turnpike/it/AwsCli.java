package dev.turnpike.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.testkit.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real AWS CLI as a subprocess against a {@link TurnpikeProcess}'s admin port, with the
 * credentials file Turnpike wrote and no user configuration ({@code AWS_CONFIG_FILE=/dev/null}, no
 * {@code AWS_*} keys from the environment). Each call reads the current admin port, so it follows
 * restarts.
 */
final class AwsCli {
  static final ObjectMapper JSON = new ObjectMapper();

  private final TurnpikeProcess turnpike;

  /** Exit code, stdout, stderr; {@link #json()} parses stdout (empty stdout is an empty object). */
  record Result(int exitCode, String stdout, String stderr) {
    JsonNode json() {
      try {
        return stdout.isBlank() ? JSON.createObjectNode() : JSON.readTree(stdout);
      } catch (IOException e) {
        throw new UncheckedIOException("aws printed no JSON: " + stdout, e);
      }
    }
  }

  AwsCli(TurnpikeProcess turnpike) {
    Prerequisite.AWS_CLI.require();
    this.turnpike = turnpike;
  }

  /** Runs {@code aws apigateway <args>}; whatever the outcome. */
  Result run(String... args) throws IOException, InterruptedException {
    return runService("apigateway", args);
  }

  /** Runs {@code aws <service> <args>}; whatever the outcome. */
  Result runService(String service, String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "aws",
                "--endpoint-url",
                "http://127.0.0.1:" + turnpike.adminPort(),
                "--output",
                "json",
                service));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_SHARED_CREDENTIALS_FILE", turnpike.endpoints().credentialsFile().toString());
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_CONFIG_FILE", "/dev/null");
    env.put("AWS_PAGER", "");
    env.put("AWS_MAX_ATTEMPTS", "1"); // a failure must show, not be retried away
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "aws " + String.join(" ", args) + " did not finish within 60 s");
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  /** Runs {@code aws apigateway <args>}, which must succeed, and returns its JSON output. */
  JsonNode json(String... args) throws IOException, InterruptedException {
    Result r = run(args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "aws apigateway "
              + String.join(" ", args)
              + " failed with "
              + r.exitCode()
              + ": "
              + r.stderr());
    }
    return r.json();
  }

  /** Runs {@code aws apigatewayv2 <args>}, which must succeed, and returns its JSON output. */
  JsonNode v2(String... args) throws IOException, InterruptedException {
    Result r = runService("apigatewayv2", args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "aws apigatewayv2 "
              + String.join(" ", args)
              + " failed with "
              + r.exitCode()
              + ": "
              + r.stderr());
    }
    return r.json();
  }

  /** Runs {@code aws acm <args>}, which must succeed, and returns its JSON output. */
  JsonNode acm(String... args) throws IOException, InterruptedException {
    Result r = runService("acm", args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "aws acm " + String.join(" ", args) + " failed with " + r.exitCode() + ": " + r.stderr());
    }
    return r.json();
  }

  /** Reads a stream to its end on its own thread (the common pool has one thread on two cores). */
  private static CompletableFuture<String> drain(InputStream in) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (in) {
                f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                f.completeExceptionally(new UncheckedIOException(e));
              }
            },
            "aws-cli-drain");
    t.setDaemon(true);
    t.start();
    return f;
  }
}
