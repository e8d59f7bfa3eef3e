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
 * The Node bootstrap Turnpike ships ({@code lambda/node/bootstrap.mjs}) on real {@code node}
 * processes: AWS's Node handler contract (nodejs-handler.html, nodejs-context.html,
 * nodejs-exceptions.html, nodejs-logging.html) as a function sees it.
 */
class NodeRuntimeTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String CJS =
      String.join(
          "\n",
          "let invocations = 0;",
          "exports.handler = async (event, context) => {",
          "  invocations++;",
          "  if (event.action === 'throw') { const e = new TypeError('bad thing'); e.extra = 1;"
              + " throw e; }",
          "  if (event.action === 'reject') { throw 'just a string'; }",
          "  if (event.action === 'sleep') { await new Promise(r => setTimeout(r, event.ms)); }",
          "  if (event.action === 'never') { return new Promise(() => {}); }",
          "  if (event.action === 'crash') { setTimeout(() => { throw new Error('later'); }, 1);"
              + " return new Promise(() => {}); }",
          "  console.log('hello', {n: 1}, 'line1\\nline2');",
          "  console.error('an error line');",
          "  return { event, invocations,",
          "    awsRequestId: context.awsRequestId, functionName: context.functionName,",
          "    functionVersion: context.functionVersion, invokedFunctionArn:"
              + " context.invokedFunctionArn,",
          "    memoryLimitInMB: context.memoryLimitInMB, logGroupName: context.logGroupName,",
          "    logStreamName: context.logStreamName, remaining:"
              + " context.getRemainingTimeInMillis(),",
          "    waits: context.callbackWaitsForEmptyEventLoop, clientContext:"
              + " context.clientContext,",
          "    identity: context.identity || null, traceId: process.env._X_AMZN_TRACE_ID,",
          "    nodePath: process.env.NODE_PATH, execEnv: process.env.AWS_EXECUTION_ENV,",
          "    initType: process.env.AWS_LAMBDA_INITIALIZATION_TYPE };",
          "};",
          "exports.nested = { deeper: { fn: async () => 'nested' } };",
          "exports.notAFunction = 42;",
          "exports.callback = (event, context, callback) => {",
          "  if (event.waits === false) { context.callbackWaitsForEmptyEventLoop = false; }",
          "  setTimeout(() => console.log('timer fired'), 300);",
          "  if (event.fail) { callback(new Error('callback failed')); return; }",
          "  callback(null, { via: 'callback' });",
          "};",
          "exports.sync = (event) => 'ignored';",
          "exports.streaming = awslambda.streamifyResponse(async (event, stream, context) => {",
          "  stream.write('part1,');",
          "  await new Promise((r) => setTimeout(r, 20));",
          "  stream.write(context.functionName);",
          "  stream.end();",
          "});",
          "");

  private static final String ESM =
      String.join(
          "\n",
          "import { basename } from 'node:path';",
          "export const handler = async (event, context) => ({ esm: basename(import.meta.url),"
              + " name: context.functionName });",
          "");

  @TempDir static Path dir;
  private static LocalLambdaInvoker invoker;
  private static Path code;

  @BeforeAll
  static void start() throws IOException {
    code = Files.createDirectories(dir.resolve("code"));
    Files.writeString(code.resolve("index.js"), CJS);
    Files.writeString(code.resolve("esm.mjs"), ESM);
    Files.writeString(code.resolve("broken.js"), "exports.handler = async () => { return 1 +;\n");
    Files.createDirectories(code.resolve("src"));
    Files.writeString(code.resolve("src/app.cjs"), "exports.run = async () => 'from src';\n");
    invoker =
        LocalLambdaInvoker.start(
            dir.resolve("runtime"), dir.resolve("logs"), Path.of("python3"), Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    invoker.close();
  }

  private static FunctionConfig node(String name, String handler, int timeoutSeconds) {
    return new FunctionConfig(
        name,
        "$LATEST",
        "nodejs20.x",
        handler,
        code,
        256,
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

  private static InvokeResult invoke(FunctionConfig f, String json, InvokeOptions options) {
    return invoker.invoke(f, json.getBytes(StandardCharsets.UTF_8), options).join();
  }

  private static JsonNode payload(InvokeResult r) throws IOException {
    return JSON.readTree(r.payload());
  }

  @Test
  void asyncHandler_commonJs_returnsResultAndContextFields() throws IOException {
    FunctionConfig f = node("cjs", "index.handler", 3);
    InvokeResult r = invoke(f, "{\"a\":[1,2]}");

    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    JsonNode p = payload(r);
    assertThat(p.get("event").toString()).isEqualTo("{\"a\":[1,2]}");
    assertThat(p.get("awsRequestId").asText()).isEqualTo(r.requestId());
    assertThat(p.get("functionName").asText()).isEqualTo("cjs");
    assertThat(p.get("functionVersion").asText()).isEqualTo("$LATEST");
    assertThat(p.get("invokedFunctionArn").asText()).isEqualTo(f.arn());
    // AWS: memoryLimitInMB is the environment variable's string.
    assertThat(p.get("memoryLimitInMB").asText()).isEqualTo("256");
    assertThat(p.get("logGroupName").asText()).isEqualTo("/aws/lambda/cjs");
    assertThat(p.get("logStreamName").asText()).startsWith(LocalDateHolder.today());
    assertThat(p.get("remaining").asLong()).isBetween(1L, 3000L);
    assertThat(p.get("waits").asBoolean()).isTrue();
    assertThat(p.has("clientContext")).isFalse(); // undefined without the header
    assertThat(p.get("identity").isNull()).isTrue();
    assertThat(p.get("traceId").asText()).startsWith("Root=1-");
    assertThat(p.get("nodePath").asText()).isEqualTo(code.toString());
    assertThat(p.get("execEnv").asText()).isEqualTo("AWS_Lambda_nodejs20.x");
    assertThat(p.get("initType").asText()).isEqualTo("on-demand"); // as recorded on AWS
    // AWS's text format: ISO time, request id, level, message; a newline inside becomes \r.
    assertThat(r.logTail())
        .containsPattern(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t"
                + r.requestId()
                + "\\tINFO\\thello \\{ n: 1 \\} line1\\rline2\\n")
        .contains("\t" + r.requestId() + "\tERROR\tan error line\n");
    assertThat(r.initDurationMs()).isNotNull().isPositive();
    System.out.printf("node cold start (init): %.1f ms%n", r.initDurationMs());
  }

  @Test
  void warmInstance_secondInvoke_keepsModuleState() throws IOException {
    FunctionConfig f = node("warm", "index.handler", 3);
    assertThat(payload(invoke(f, "{}")).get("invocations").asInt()).isEqualTo(1);
    InvokeResult second = invoke(f, "{}");
    assertThat(payload(second).get("invocations").asInt()).isEqualTo(2);
    assertThat(second.initDurationMs()).isNull();
  }

  @Test
  void clientContextAndIdentity_fromInvokeOptions_reachContext() throws IOException {
    FunctionConfig f = node("ctx", "index.handler", 3);
    InvokeResult r =
        invoke(
            f,
            "{}",
            new InvokeOptions(
                "{\"custom\":{\"k\":\"v\"}}",
                "{\"cognitoIdentityId\":\"id-1\",\"cognitoIdentityPoolId\":\"pool\"}"));
    JsonNode p = payload(r);
    assertThat(p.get("clientContext").toString()).isEqualTo("{\"custom\":{\"k\":\"v\"}}");
    assertThat(p.get("identity").get("cognitoIdentityId").asText()).isEqualTo("id-1");
  }

  // AWS nodejs-exceptions.html: errorType, errorMessage, trace (the stack's lines).
  @Test
  void thrownError_postsErrorTypeMessageTraceAndLogsInvokeError() throws IOException {
    FunctionConfig f = node("throws", "index.handler", 3);
    InvokeResult r = invoke(f, "{\"action\":\"throw\"}");

    assertThat(r.outcome()).isEqualTo(Outcome.FUNCTION_ERROR);
    assertThat(r.functionError()).isEqualTo("Unhandled");
    JsonNode p = payload(r);
    assertThat(p.get("errorType").asText()).isEqualTo("TypeError");
    assertThat(p.get("errorMessage").asText()).isEqualTo("bad thing");
    assertThat(p.get("trace").get(0).asText()).isEqualTo("TypeError: bad thing");
    assertThat(p.get("trace").get(1).asText()).contains("index.js");
    // The log line AWS's runtime writes: "Invoke Error \t" and the error with its own fields.
    assertThat(r.logTail())
        .contains(
            "\t"
                + r.requestId()
                + "\tERROR\tInvoke Error \t{\"errorType\":\"TypeError\",\"errorMessage\":\"bad"
                + " thing\",\"extra\":1,\"stack\":[\"TypeError: bad thing\"");
  }

  @Test
  void rejectedWithString_postsErrorOfTypeString() throws IOException {
    // A thrown non-Error is wrapped as Error for the log, and reported with its own type.
    InvokeResult r = invoke(node("str", "index.handler", 3), "{\"action\":\"reject\"}");
    JsonNode p = payload(r);
    assertThat(p.get("errorType").asText()).isEqualTo("string");
    assertThat(p.get("errorMessage").asText()).isEqualTo("just a string");
    assertThat(p.get("trace").size()).isZero();
  }

  @Test
  void callbackHandler_waitsForEmptyEventLoop_timerRunsBeforeResponse() throws IOException {
    InvokeResult r = invoke(node("cb", "index.callback", 3), "{}");
    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(payload(r).get("via").asText()).isEqualTo("callback");
    // callbackWaitsForEmptyEventLoop (default true): the 300 ms timer ran inside the invocation.
    assertThat(r.logTail()).contains("\tINFO\ttimer fired");
    assertThat(r.durationMs()).isGreaterThanOrEqualTo(250);
  }

  @Test
  void callbackHandler_notWaiting_answersBeforeTimer() throws IOException {
    InvokeResult r = invoke(node("cbnow", "index.callback", 3), "{\"waits\":false}");
    assertThat(payload(r).get("via").asText()).isEqualTo("callback");
    assertThat(r.logTail()).doesNotContain("timer fired");
    assertThat(r.durationMs()).isLessThan(250);
  }

  @Test
  void callbackHandler_error_isFunctionError() throws IOException {
    InvokeResult r = invoke(node("cberr", "index.callback", 3), "{\"fail\":true}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(payload(r).get("errorMessage").asText()).isEqualTo("callback failed");
  }

  // A non-async handler that never calls back answers null once the loop is empty (AWS).
  @Test
  void syncHandler_withoutCallback_answersNull() {
    InvokeResult r = invoke(node("sync", "index.sync", 3), "{}");
    assertThat(r.outcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("null");
  }

  // AWS: awslambda.streamifyResponse; a plain Invoke gets the streamed bytes, buffered.
  @Test
  void streamingHandler_invokedBuffered_answersTheStreamedBytes() {
    InvokeResult r = invoke(node("stream", "index.streaming", 3), "{}");
    assertThat(r.outcome())
        .as(new String(r.payload(), StandardCharsets.UTF_8))
        .isEqualTo(Outcome.SUCCESS);
    assertThat(new String(r.payload(), StandardCharsets.UTF_8)).isEqualTo("part1,stream");
  }

  @Test
  void asyncHandler_neverSettling_isNodeJsExit() throws IOException {
    InvokeResult r = invoke(node("never", "index.handler", 3), "{\"action\":\"never\"}");
    assertThat(payload(r).get("errorType").asText()).isEqualTo("Runtime.NodeJsExit");
  }

  @Test
  void uncaughtException_duringInvoke_reportsItAndInstanceExits() throws IOException {
    InvokeResult r = invoke(node("crash", "index.handler", 3), "{\"action\":\"crash\"}");
    assertThat(r.functionError()).isEqualTo("Unhandled");
    assertThat(payload(r).get("errorMessage").asText()).isEqualTo("later");
    assertThat(r.logTail()).contains("\tERROR\tUncaught Exception \t{\"errorType\":\"Error\"");
  }

  @Test
  void esModule_exportConstHandler_runs() throws IOException {
    JsonNode p = payload(invoke(node("esm", "esm.handler", 3), "{}"));
    assertThat(p.get("esm").asText()).isEqualTo("esm.mjs");
    assertThat(p.get("name").asText()).isEqualTo("esm");
  }

  @Test
  void nestedPathAndDirectory_resolveAsAwsDoes() throws IOException {
    assertThat(invoke(node("nested", "index.nested.deeper.fn", 3), "{}").payload())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("\"nested\"");
    assertThat(invoke(node("dir", "src/app.run", 3), "{}").payload())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("\"from src\"");
  }

  @Test
  void timeout_killsInstance_taskTimedOut() throws IOException {
    InvokeResult r = invoke(node("slow", "index.handler", 1), "{\"action\":\"sleep\",\"ms\":5000}");
    assertThat(r.outcome()).isEqualTo(Outcome.TIMEOUT);
    assertThat(payload(r).get("errorMessage").asText())
        .endsWith("Task timed out after 1.00 seconds");
  }

  // The init errors AWS's Node runtime names (Runtime.*), posted to /runtime/init/error.
  @Test
  void missingModule_isImportModuleError() throws IOException {
    JsonNode p = payload(invoke(node("nomod", "missing.handler", 3), "{}"));
    assertThat(p.get("errorType").asText()).isEqualTo("Runtime.ImportModuleError");
    assertThat(p.get("errorMessage").asText()).startsWith("Error: Cannot find module 'missing'");
  }

  @Test
  void missingExport_isHandlerNotFound() throws IOException {
    JsonNode p = payload(invoke(node("noexp", "index.nothing", 3), "{}"));
    assertThat(p.get("errorType").asText()).isEqualTo("Runtime.HandlerNotFound");
    assertThat(p.get("errorMessage").asText())
        .isEqualTo("index.nothing is undefined or not exported");
    JsonNode q = payload(invoke(node("notfn", "index.notAFunction", 3), "{}"));
    assertThat(q.get("errorMessage").asText()).isEqualTo("index.notAFunction is not a function");
  }

  @Test
  void syntaxError_isUserCodeSyntaxError() throws IOException {
    InvokeResult r = invoke(node("syntax", "broken.handler", 3), "{}");
    JsonNode p = payload(r);
    assertThat(p.get("errorType").asText()).isEqualTo("Runtime.UserCodeSyntaxError");
    assertThat(p.get("errorMessage").asText()).startsWith("SyntaxError: Unexpected token");
    assertThat(r.logTail()).contains("\tundefined\tERROR\tUncaught Exception \t");
  }

  @Test
  void handlerWithoutDot_isMalformedHandlerName() throws IOException {
    JsonNode p = payload(invoke(node("nodot", "index", 3), "{}"));
    assertThat(p.get("errorType").asText()).isEqualTo("Runtime.MalformedHandlerName");
    assertThat(p.get("errorMessage").asText()).isEqualTo("Bad handler");
  }

  private static final class LocalDateHolder {
    static String today() {
      return java.time.format.DateTimeFormatter.ofPattern("yyyy/MM/dd")
          .format(java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }
  }
}
