package dev.turnpike.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line and environment each runtime identifier starts with. */
class LambdaRuntimesTest {
  private static final Path CODE = Path.of("/data/lambda/functions/f/1");
  private static final RuntimeFiles FILES =
      new RuntimeFiles(
          Path.of("/rt/python/bootstrap.py"),
          Path.of("/rt/node/bootstrap.mjs"),
          List.of(Path.of("/rt/java/ric.jar"), Path.of("/rt/java/core.jar")),
          Path.of("/rt/java/libaws-lambda-jni.so"));
  private static final LambdaRuntimes RUNTIMES =
      new LambdaRuntimes(
          Path.of("/usr/bin/python3"),
          () -> Path.of("/usr/bin/node"),
          Path.of("/jdk/bin/java"),
          FILES);

  private static FunctionConfig fn(String runtime, String handler, Map<String, String> env) {
    return new FunctionConfig(
        "f",
        "$LATEST",
        runtime,
        handler,
        CODE,
        1024,
        3,
        env,
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "us-east-1",
        1,
        null);
  }

  @Test
  void node_runsShippedBootstrapOnNode() {
    FunctionConfig f = fn("nodejs22.x", "index.handler", Map.of());
    assertThat(RUNTIMES.command(f)).contains(List.of("/usr/bin/node", "/rt/node/bootstrap.mjs"));
    assertThat(RUNTIMES.runtimeDir(f)).isEqualTo(Path.of("/rt/node"));
    assertThat(LambdaRuntimes.environment(f)).containsEntry("NODE_PATH", CODE.toString());
    assertThat(LambdaRuntimes.executionEnv(f)).contains("AWS_Lambda_nodejs22.x");
  }

  @Test
  void node_functionsOwnNodePath_isKept() {
    FunctionConfig f = fn("nodejs20.x", "index.handler", Map.of("NODE_PATH", "/mine"));
    assertThat(LambdaRuntimes.environment(f)).isEmpty();
  }

  // AWS java-customization.html: C1 only and the serial collector on java17/java21.
  @Test
  void java_runsTheClientsMainWithAwsFlagsItsJarsAndTurnpikesJniCopy() {
    FunctionConfig f = fn("java21", "com.example.Handler::handleRequest", Map.of());
    assertThat(RUNTIMES.command(f))
        .contains(
            List.of(
                "/jdk/bin/java",
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-XX:MaxHeapSize=870m",
                "-Djava.net.preferIPv4Stack=true",
                "-D"
                    + "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI"
                    + "=/rt/java/libaws-lambda-jni.so",
                "-cp",
                "/rt/java/ric.jar:/rt/java/core.jar",
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "com.example.Handler::handleRequest"));
    assertThat(RUNTIMES.runtimeDir(f)).isEqualTo(Path.of("/rt/java"));
    assertThat(LambdaRuntimes.environment(f)).isEmpty();
  }

  @Test
  void pythonAndProvided_unchanged_andUnknownRuntimeIsEmpty() {
    assertThat(RUNTIMES.command(fn("python3.12", "app.handler", Map.of())))
        .contains(List.of("/usr/bin/python3", "-u", "/rt/python/bootstrap.py"));
    assertThat(RUNTIMES.command(fn("provided.al2023", "x", Map.of())))
        .contains(List.of(CODE.resolve("bootstrap").toString()));
    assertThat(LambdaRuntimes.executionEnv(fn("provided.al2", "x", Map.of()))).isEmpty();
    assertThat(RUNTIMES.command(fn("dotnet8", "x", Map.of()))).isEmpty();
    assertThat(RUNTIMES.command(fn("nodejs", "x", Map.of()))).isEmpty();
  }
}
