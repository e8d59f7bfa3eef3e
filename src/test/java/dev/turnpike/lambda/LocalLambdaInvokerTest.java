package dev.turnpike.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.lambda.InvokeResult.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes on the real Runtime API: a Python function and a curl {@code bootstrap}. */
class LocalLambdaInvokerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String PYTHON_HANDLER =
      String.join(
          "\n",
          "import os, time",
          "def handler(event, context):",
          "    action = (event or {}).get('action')",
          "    if action == 'raise':",
          "        raise Exception('Handler fails')",
          "    if action == 'sleep':",
          "        time.sleep(event['seconds'])",
          "    if action == 'exit':",
          "        os._exit(3)",
          "    if action == 'env':",
          "        return dict(os.environ)",
          "    if action == 'context':",
          "        return {'custom': context.client_context.custom,",
          "                'identity': context.identity.cognito_identity_id}",
          "    print('hello from ' + context.aws_request_id)",
          "    return {'event': event, 'pid': os.getpid(),",
          "            'aws_request_id': context.aws_request_id,",
          "            'function_name': context.function_name,",
          "            'function_version': context.function_version,",
          "            'invoked_function_arn': context.invoked_function_arn,",
          "            'memory_limit_in_mb': context.memory_limit_in_mb,",
          "            'log_group_name': context.log_group_name,",
          "            'log_stream_name': context.log_stream_name,",
          "            'remaining': context.get_remaining_time_in_millis()}",
          "");

  /** A custom runtime as AWS's tutorial writes it: a shell loop over curl. */
  private static final String CURL_BOOTSTRAP =
      String.join(
          "\n",
          "#!/bin/sh",
          "set -eu",
          "API=\"http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime\"",
          "while true; do",
          "  HEADERS=$(mktemp)",
          "  EVENT=$(curl -sS -D \"$HEADERS\" \"$API/invocation/next\")",
          "  ID=$(grep -i Lambda-Runtime-Aws-Request-Id \"$HEADERS\" | tr -d '[:space:]' | cut -d:"
              + " -f2)",
          "  echo \"handling $ID\"",
          "  curl -sS -X POST \"$API/invocation/$ID/response\" -d"
              + " \"{\\\"echo\\\":$EVENT,\\\"handler\\\":\\\"$_HANDLER\\\"}\" >/dev/null",
          "done",
          "");

  @TempDir static Path dir;
  private static LocalLambdaInvoker invoker;
  private static Path pythonCode;
  private static Path logs;

  @BeforeAll
  static void start() throws IOException {
    pythonCode = Files.createDirectories(dir.resolve("code/python"));
    Files.writeString(pythonCode.resolve("app.py"), PYTHON_HANDLER);
    logs = dir.resolve("logs");
    invoker =
        LocalLambdaInvoker.start(
            dir.resolve("runtime"), logs, LocalLambdaInvoker.locatePython(), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    invoker.close();
  }

  private static FunctionConfig python(String name, int timeoutSeconds, int concurrency) {
    return new FunctionConfig(
        name,
        "$LATEST",
        "python3.12",
        "app.handler",
        pythonCode,
        256,
        timeoutSeconds,
        Map.of("GREETING", "hi", "AWS_REGION", "xx-fake-1"),
        "arn:aws:lambda:us-east-1:123456789012:function:" + name,
        "us-east-1",
        concurrency,
        new FunctionConfig.Credentials("ASIAEXAMPLE", "secret", "token"));
  }

  private static InvokeResult invoke(FunctionConfig f, String json) {
    return invoker.invoke(f, json.getBytes(StandardCharsets.UTF_8)).join();
  }

  private static JsonNode payload(InvokeResult r) throws IOException {
    return JSON.readTree(r.payload());
  }

  @Test
  void invoke_pythonHandler_returnsEventAndContextFields() throws IOException {
    FunctionConfig f = python("fields", 2, 2);
    InvokeResult r = invoke(f, "{\"a\":[1,2]}");

    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(r.functionError()).isNull();
    JsonNode p = payload(r);
    assertThat(p.get("event").toString()).isEqualTo("{\"a\":[1,2]}");
    assertThat(p.get("aws_request_id").asText()).isEqualTo(r.requestId());
    assertThat(p.get("function_name").asText()).isEqualTo("fields");
    assertThat(p.get("function_version").asText()).isEqualTo("$LATEST");
    assertThat(p.get("invoked_function_arn").asText()).isEqualTo(f.arn());
    assertThat(p.get("memory_limit_in_mb").asText()).isEqualTo("256");
    assertThat(p.get("log_group_name").asText()).isEqualTo("/aws/lambda/fields");
    assertThat(p.get("log_stream_name").asText())
        .matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST\\]\\w{32}");
    assertThat(p.get("remaining").asLong()).isBetween(1L, 2000L);
    assertThat(r.initDurationMs()).isNotNull().isPositive();
    assertThat(r.logTail()).contains("hello from " + r.requestId());
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/python-exceptions.html
  @Test
  void invoke_pythonHandlerRaises_returnsUnhandledErrorObject() throws IOException {
    InvokeResult r = invoke(python("raises", 2, 1), "{\"action\":\"raise\"}");

    assertThat(r.outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode p = payload(r);
    assertThat(p.get("errorMessage").asText()).isEqualTo("Handler fails");
    assertThat(p.get("errorType").asText()).isEqualTo("Exception");
    assertThat(p.get("requestId").asText()).isEqualTo(r.requestId());
    assertThat(p.get("stackTrace").get(0).asText()).contains("app.py").contains("raise Exception");
  }

  @Test
  void invoke_providedBootstrapWithCurl_returnsItsResponse() throws IOException {
    Path code = Files.createDirectories(dir.resolve("code/provided"));
    Path bootstrap = code.resolve("bootstrap");
    Files.writeString(bootstrap, CURL_BOOTSTRAP);
    Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
    FunctionConfig f =
        new FunctionConfig(
            "curl",
            "$LATEST",
            "provided.al2023",
            "function.handler",
            code,
            128,
            2,
            Map.of(),
            "arn:aws:lambda:us-east-1:123456789012:function:curl",
            "us-east-1",
            1,
            null);

    InvokeResult first = invoke(f, "{\"n\":1}");
    InvokeResult second = invoke(f, "{\"n\":2}");

    assertThat(first.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(first.payloadText())
        .isEqualTo("{\"echo\":{\"n\":1},\"handler\":\"function.handler\"}");
    assertThat(second.payloadText()).contains("{\"n\":2}");
    assertThat(second.initDurationMs()).isNull();
  }

  @Test
  void invoke_secondCall_reusesWarmProcessWithoutInitDuration() throws IOException {
    FunctionConfig f = python("warm", 2, 1);
    InvokeResult cold = invoke(f, "{}");
    InvokeResult warm = invoke(f, "{}");

    assertThat(cold.initDurationMs()).isNotNull();
    assertThat(warm.initDurationMs()).isNull();
    assertThat(payload(warm).get("pid").asLong()).isEqualTo(payload(cold).get("pid").asLong());
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html
  @Test
  void invoke_beyondConcurrencyLimit_isThrottled() throws IOException {
    FunctionConfig f = python("throttled", 2, 1);
    CompletableFuture<InvokeResult> busy =
        invoker.invoke(
            f, "{\"action\":\"sleep\",\"seconds\":0.5}".getBytes(StandardCharsets.UTF_8));
    InvokeResult refused = invoke(f, "{}");

    assertThat(refused.outcome()).isEqualTo(Outcome.THROTTLED);
    assertThat(payload(refused).get("Reason").asText())
        .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
    assertThat(busy.join().outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(invoke(f, "{}").outcome()).isEqualTo(Outcome.SUCCESS);
  }

  /** Reserved concurrency is the function's: its versions share it (each has its own instances). */
  @Test
  void invoke_versionsOfOneFunction_shareItsConcurrency() throws IOException {
    FunctionConfig latest = python("shared", 2, 1);
    FunctionConfig one =
        new FunctionConfig(
            latest.name(),
            "1",
            latest.runtime(),
            latest.handler(),
            latest.codeDir(),
            latest.memoryMb(),
            latest.timeoutSeconds(),
            latest.environment(),
            latest.arn() + ":1",
            latest.region(),
            1,
            latest.credentials());
    CompletableFuture<InvokeResult> busy =
        invoker.invoke(
            latest, "{\"action\":\"sleep\",\"seconds\":0.5}".getBytes(StandardCharsets.UTF_8));
    assertThat(invoke(one, "{}").outcome()).isEqualTo(Outcome.THROTTLED);
    assertThat(busy.join().outcome()).isEqualTo(Outcome.SUCCESS);
    InvokeResult afterwards = invoke(one, "{}");
    assertThat(afterwards.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(afterwards.initDurationMs()).as("version 1 has instances of its own").isNotNull();
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html
  @Test
  void invoke_pastTimeout_timesOutAndNextInvokeColdStarts() throws IOException {
    FunctionConfig f = python("timeout", 1, 1);
    InvokeResult first = invoke(f, "{}");
    InvokeResult late = invoke(f, "{\"action\":\"sleep\",\"seconds\":1.5}");
    InvokeResult next = invoke(f, "{}");

    assertThat(late.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(late.functionError()).isEqualTo("Unhandled");
    assertThat(payload(late).get("errorType").asText()).isEqualTo("Sandbox.Timedout");
    assertThat(payload(late).get("errorMessage").asText())
        .isEqualTo("RequestId: " + late.requestId() + " Error: Task timed out after 1.00 seconds");
    assertThat(late.logTail()).contains("Task timed out after 1.00 seconds");
    assertThat(next.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(next.initDurationMs()).isNotNull();
    assertThat(payload(next).get("pid").asLong()).isNotEqualTo(payload(first).get("pid").asLong());
  }

  @Test
  void invoke_processExits_returnsRuntimeExitError() throws IOException {
    FunctionConfig f = python("exits", 2, 1);
    InvokeResult r = invoke(f, "{\"action\":\"exit\"}");

    assertThat(r.outcome()).isEqualTo(Outcome.EXIT_ERROR);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(payload(r).get("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(payload(r).get("errorMessage").asText())
        .isEqualTo(
            "RequestId: " + r.requestId() + " Error: Runtime exited with error: exit status 3");
    assertThat(invoke(f, "{}").outcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void invoke_warmProcessExits_returnsRuntimeExitErrorAndNextInvokeColdStarts() throws IOException {
    FunctionConfig f = python("warmexits", 2, 1);
    long pid = payload(invoke(f, "{}")).get("pid").asLong();
    InvokeResult r = invoke(f, "{\"action\":\"exit\"}");

    assertThat(r.outcome()).isEqualTo(Outcome.EXIT_ERROR);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(payload(r).get("errorMessage").asText())
        .isEqualTo(
            "RequestId: " + r.requestId() + " Error: Runtime exited with error: exit status 3");
    assertThat(r.logTail())
        .startsWith("START RequestId: " + r.requestId())
        .contains("Runtime.ExitError");
    InvokeResult next = invoke(f, "{}");
    assertThat(next.initDurationMs()).isNotNull();
    assertThat(payload(next).get("pid").asLong()).isNotEqualTo(pid);
  }

  /**
   * The gateway's call: the answer without the log tail, the instance free again before the caller
   * has it (a caller at the concurrency limit that calls again at once is not throttled), and each
   * invocation's own output between its START and END.
   */
  @Test
  void invokeFromEventLoop_warm_answersBeforeItsLinesAndKeepsThemInOrder() throws IOException {
    FunctionConfig f = python("fromloop", 2, 1);
    invoke(f, "{}"); // cold start
    java.util.List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      InvokeResult r = invoker.invokeFromEventLoop(f, "{}".getBytes(StandardCharsets.UTF_8)).join();
      assertThat(r.outcome()).as("call " + i).isEqualTo(Outcome.SUCCESS);
      assertThat(r.logTail()).isEmpty();
      assertThat(r.initDurationMs()).isNull();
      assertThat(r.durationMs()).isPositive();
      ids.add(r.requestId());
    }
    InvokeResult tailed = invoke(f, "{}"); // written after the others' lines
    assertThat(tailed.logTail())
        .isEqualTo(
            "START RequestId: "
                + tailed.requestId()
                + " Version: $LATEST\nhello from "
                + tailed.requestId()
                + "\nEND RequestId: "
                + tailed.requestId()
                + "\n"
                + tailed.logTail().substring(tailed.logTail().indexOf("REPORT")));
    String log = Files.readString(logs.resolve("fromloop.log"));
    for (String id : ids) {
      assertThat(log)
          .containsPattern(
              "START RequestId: "
                  + id
                  + " Version: \\$LATEST\nhello from "
                  + id
                  + "\nEND RequestId: "
                  + id
                  + "\nREPORT RequestId: "
                  + id
                  + "\tDuration: \\d+\\.\\d\\d ms\t[^\n]*Max Memory Used: \\d+ MB\t\n");
    }
  }

  @Test
  void invokeFromEventLoop_warmPastTimeout_timesOutAndKillsTheInstance() throws IOException {
    FunctionConfig f = python("fromlooptimeout", 1, 1);
    long pid = payload(invoke(f, "{}")).get("pid").asLong();
    InvokeResult late =
        invoker
            .invokeFromEventLoop(
                f, "{\"action\":\"sleep\",\"seconds\":1.5}".getBytes(StandardCharsets.UTF_8))
            .join();

    assertThat(late.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(payload(late).get("errorMessage").asText())
        .isEqualTo("RequestId: " + late.requestId() + " Error: Task timed out after 1.00 seconds");
    assertThat(late.durationMs()).isEqualTo(1000.0);
    ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
    assertThat(invoke(f, "{}").initDurationMs()).isNotNull();
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html
  @Test
  void invoke_environment_hasRuntimeVariablesAndNothingOfTheParent() throws IOException {
    FunctionConfig f = python("env", 2, 1);
    JsonNode env = payload(invoke(f, "{\"action\":\"env\"}"));

    assertThat(env.get("AWS_LAMBDA_RUNTIME_API").asText()).matches("127\\.0\\.0\\.1:\\d+/\\w{32}");
    assertThat(env.get("_HANDLER").asText()).isEqualTo("app.handler");
    assertThat(env.get("LAMBDA_TASK_ROOT").asText()).isEqualTo(pythonCode.toString());
    assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("env");
    assertThat(env.get("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
    assertThat(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
    assertThat(env.get("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/env");
    // A function cannot override a reserved variable.
    assertThat(env.get("AWS_REGION").asText()).isEqualTo("us-east-1");
    assertThat(env.get("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
    assertThat(env.get("AWS_EXECUTION_ENV").asText()).isEqualTo("AWS_Lambda_python3.12");
    assertThat(env.get("TZ").asText()).isEqualTo(":UTC");
    assertThat(env.get("GREETING").asText()).isEqualTo("hi");
    assertThat(env.get("AWS_ACCESS_KEY_ID").asText()).isEqualTo("ASIAEXAMPLE");
    assertThat(env.get("AWS_SESSION_TOKEN").asText()).isEqualTo("token");
    // Scrubbed: no variable of the Turnpike process (where admin credentials would live) leaks.
    for (String parent : System.getenv().keySet()) {
      if (!Map.of("PATH", 0, "LANG", 0, "TZ", 0).containsKey(parent)
          && !parent.startsWith("AWS_")
          && !parent.equals("_HANDLER")
          && !parent.equals("LAMBDA_TASK_ROOT")) {
        assertThat(env.has(parent)).as(parent).isFalse();
      }
    }
    assertThat(env.has("TURNPIKE_ADMIN_SECRET_ACCESS_KEY")).isFalse();
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/python-logging.html
  @Test
  void invoke_anyCall_writesStartEndReportToTheFunctionLog() throws IOException {
    FunctionConfig f = python("logged", 2, 1);
    InvokeResult cold = invoke(f, "{}");
    InvokeResult warm = invoke(f, "{}");

    String log = Files.readString(logs.resolve("logged.log"));
    assertThat(log)
        .contains("START RequestId: " + cold.requestId() + " Version: $LATEST\n")
        .contains("END RequestId: " + cold.requestId() + "\n")
        .containsPattern(
            "REPORT RequestId: "
                + cold.requestId()
                + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 256 MB"
                + "\tMax Memory Used: \\d+ MB\tInit Duration: \\d+\\.\\d\\d ms\t\n")
        .containsPattern(
            "REPORT RequestId: "
                + warm.requestId()
                + "\tDuration: [^\n]*Max Memory Used: \\d+ MB\t\n");
    assertThat(warm.logTail()).startsWith("START RequestId: " + warm.requestId());
    assertThat(warm.logTail()).contains("END RequestId: " + warm.requestId());
  }

  @Test
  void retire_warmInstance_stopsItsProcess() throws IOException {
    FunctionConfig f = python("retired", 2, 1);
    long pid = payload(invoke(f, "{}")).get("pid").asLong();

    invoker.retire("retired");

    ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
    InvokeResult again = invoke(f, "{}");
    assertThat(again.initDurationMs()).isNotNull();
    assertThat(payload(again).get("pid").asLong()).isNotEqualTo(pid);
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/python-handler.html (handler naming)
  @Test
  void invoke_handlerModuleMissing_returnsImportModuleErrorAndColdStartsAgain() throws IOException {
    FunctionConfig base = python("badhandler", 2, 1);
    FunctionConfig f =
        new FunctionConfig(
            base.name(),
            base.version(),
            base.runtime(),
            "nosuch.handler",
            base.codeDir(),
            base.memoryMb(),
            base.timeoutSeconds(),
            base.environment(),
            base.arn(),
            base.region(),
            base.reservedConcurrency(),
            base.credentials());

    InvokeResult first = invoke(f, "{}");
    InvokeResult second = invoke(f, "{}");

    assertThat(first.outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
    assertThat(first.functionError()).isEqualTo("Unhandled");
    assertThat(payload(first).get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
    assertThat(payload(first).get("errorMessage").asText())
        .startsWith("Unable to import module 'nosuch': ");
    assertThat(second.outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
    assertThat(second.initDurationMs()).isNull(); // init never finished: no first next
  }

  @Test
  void invoke_bootstrapMissing_returnsRuntimeExitError() throws IOException {
    Path empty = Files.createDirectories(dir.resolve("code/empty"));
    FunctionConfig f =
        new FunctionConfig(
            "nobootstrap",
            "$LATEST",
            "provided.al2",
            "x",
            empty,
            128,
            1,
            Map.of(),
            "arn:aws:lambda:us-east-1:123456789012:function:nobootstrap",
            "us-east-1",
            1,
            null);

    InvokeResult r = invoke(f, "{}");

    assertThat(r.outcome()).isEqualTo(Outcome.EXIT_ERROR);
    assertThat(payload(r).get("errorType").asText()).isEqualTo("Runtime.ExitError");
    assertThat(invoke(f, "{}").outcome()).isEqualTo(Outcome.EXIT_ERROR); // the slot came back
  }

  @Test
  void invoke_runtimeNotSupported_throws() {
    FunctionConfig base = python("dotnet", 2, 1);
    FunctionConfig f =
        new FunctionConfig(
            "dotnet",
            "$LATEST",
            "dotnet8",
            "index.handler",
            base.codeDir(),
            128,
            1,
            Map.of(),
            base.arn(),
            "us-east-1",
            1,
            null);

    assertThatThrownBy(() -> invoker.invoke(f, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runtime: dotnet8 (not supported)");
  }

  // https://docs.aws.amazon.com/lambda/latest/dg/python-context.html (client_context, identity)
  @Test
  void invoke_withClientContextAndIdentity_reachesTheHandlersContext() throws IOException {
    FunctionConfig f = python("context", 2, 1);
    InvokeOptions options =
        new InvokeOptions("{\"custom\":{\"k\":\"v\"}}", "{\"cognitoIdentityId\":\"id-1\"}");

    InvokeResult r =
        invoker
            .invoke(f, "{\"action\":\"context\"}".getBytes(StandardCharsets.UTF_8), options)
            .join();

    assertThat(payload(r).get("custom").toString()).isEqualTo("{\"k\":\"v\"}");
    assertThat(payload(r).get("identity").asText()).isEqualTo("id-1");
  }
}
