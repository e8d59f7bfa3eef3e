package dev.turnpike.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.lambda.InvokeResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java17} functions on AWS's own runtime interface client (Maven Central, unmodified, as
 * Turnpike ships it) against Turnpike's Runtime API: a {@code RequestHandler} and a {@code
 * RequestStreamHandler} compiled by the test.
 */
class JavaRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static LocalLambdaInvoker invoker;
  private static Path code;

  @BeforeAll
  static void start() throws IOException {
    code = Files.createDirectories(dir.resolve("code"));
    JavaFunctions.compileInto(code);
    invoker =
        LocalLambdaInvoker.start(
            dir.resolve("runtime"), dir.resolve("logs"), Path.of("python3"), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    invoker.close();
  }

  private static FunctionConfig java(String name, String handler, int timeoutSeconds) {
    return new FunctionConfig(
        name,
        "$LATEST",
        "java17",
        handler,
        code,
        512,
        timeoutSeconds,
        Map.of(),
        "arn:aws:lambda:us-east-1:123456789012:function:" + name,
        "us-east-1",
        2,
        null);
  }

  private static InvokeResult invoke(FunctionConfig f, String json) {
    return invoker.invoke(f, json.getBytes(StandardCharsets.UTF_8)).join();
  }

  @Test
  void requestHandler_pojo_returnsResultWithContextFields() throws IOException {
    FunctionConfig f = java("pojo", "com.example.Handler::handleRequest", 10);
    InvokeResult cold = invoke(f, "{\"a\":1}");

    assertThat(cold.outcome())
        .as(new String(cold.payload(), StandardCharsets.UTF_8) + cold.logTail())
        .isEqualTo(Outcome.SUCCESS);
    JsonNode p = JSON.readTree(cold.payload());
    assertThat(p.get("echo").toString()).isEqualTo("{\"a\":1}");
    assertThat(p.get("awsRequestId").asText()).isEqualTo(cold.requestId());
    assertThat(p.get("functionName").asText()).isEqualTo("pojo");
    // lib/*.jar of the code directory: the client's own class loader reads it, as on AWS.
    assertThat(p.get("greeting").asText()).isEqualTo("hello pojo");
    assertThat(p.get("functionVersion").asText()).isEqualTo("$LATEST");
    assertThat(p.get("invokedFunctionArn").asText()).isEqualTo(f.arn());
    assertThat(p.get("memoryLimitInMB").asInt()).isEqualTo(512);
    assertThat(p.get("logGroupName").asText()).isEqualTo("/aws/lambda/pojo");
    assertThat(p.get("remaining").asLong()).isBetween(1L, 10_000L);
    assertThat(cold.logTail()).contains("hello from java " + cold.requestId());
    // The client's native Runtime API client (JNI, aws-lambda-cpp) is loaded, from Turnpike's copy.
    assertThat(p.get("jni").asText())
        .isEqualTo(dir.resolve("runtime/java/libaws-lambda-jni.so").toString());
    assertThat(cold.initDurationMs()).isNotNull().isPositive();
    InvokeResult warm = invoke(f, "{}");
    assertThat(JSON.readTree(warm.payload()).get("invocations").asInt()).isEqualTo(2);
    System.out.printf(
        "java cold start (init): %.1f ms, first invoke %.1f ms, warm invoke %.1f ms%n",
        cold.initDurationMs(), cold.durationMs(), warm.durationMs());
  }

  @Test
  void requestStreamHandler_getsRawBytes() throws IOException {
    InvokeResult r =
        invoke(java("stream", "com.example.StreamHandler::handleRequest", 10), "{\"b\":[1]}");
    assertThat(r.outcome()).as(r.logTail()).isEqualTo(Outcome.SUCCESS);
    assertThat(new String(r.payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"raw\":{\"b\":[1]},\"function\":\"stream\"}");
    assertThat(r.logTail()).contains("stream handler got 9 bytes");
  }

  // AWS java-exceptions.html: errorMessage, errorType (the class), stackTrace.
  @Test
  void thrownException_isFunctionErrorInAwsShape() throws IOException {
    InvokeResult r =
        invoke(java("fails", "com.example.Handler::handleRequest", 10), "{\"fail\":1}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode p = JSON.readTree(r.payload());
    assertThat(p.get("errorMessage").asText()).isEqualTo("boom");
    assertThat(p.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(p.get("stackTrace").get(0).asText()).contains("com.example.Handler.handleRequest");
  }

  @Test
  void missingClass_isInitError() throws IOException {
    InvokeResult r = invoke(java("noclass", "com.example.Nope::handleRequest", 10), "{}");
    assertThat(r.outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
    JsonNode p = JSON.readTree(r.payload());
    assertThat(p.get("errorType").asText()).isEqualTo("java.lang.ClassNotFoundException");
    assertThat(p.get("errorMessage").asText()).isEqualTo("Class not found: com.example.Nope");
  }
}
