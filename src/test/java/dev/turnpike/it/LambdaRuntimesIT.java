package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.lambda.JavaFunctions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's Node and Java runtimes end to end: the real AWS CLI creates functions from zips this
 * test writes (Node CommonJS and ES module; Java classes compiled here against {@code
 * aws-lambda-java-core}) and invokes them on a real Turnpike process, which runs its shipped Node
 * bootstrap and AWS's Java runtime interface client. Each function's cold start is its first REPORT
 * line's {@code Init Duration}, printed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaRuntimesIT {
  private static final String NODE_CJS =
      String.join(
          "\n",
          "exports.handler = async (event, context) => {",
          "  console.log('processing', event.n);",
          "  if (event.fail) { throw new RangeError('n out of range'); }",
          "  if (event.sleepMs) { await new Promise((r) => setTimeout(r, event.sleepMs)); }",
          "  return { doubled: event.n * 2, requestId: context.awsRequestId,",
          "    name: context.functionName, memory: context.memoryLimitInMB };",
          "};",
          "exports.proxy = async (event) => ({ statusCode: 201, headers: { 'x-runtime': 'node' },",
          "  body: JSON.stringify({ path: event.path, method: event.httpMethod }) });",
          "exports.callback = (event, context, callback) => {",
          "  setTimeout(() => callback(null, { via: 'callback', n: event.n }), 10);",
          "};",
          "");

  private static final String NODE_ESM =
      String.join(
          "\n",
          "import { createHash } from 'node:crypto';",
          "export const handler = async (event) => ({",
          "  sha: createHash('sha256').update(String(event.text)).digest('hex').slice(0, 8) });",
          "");

  private static final Pattern INIT = Pattern.compile("Init Duration: ([0-9.]+) ms");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String roleArn;
  static final Map<String, String> coldStarts = new LinkedHashMap<>();

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    roleArn = LambdaFixtures.executionRole(aws, "lambda-exec");
    Files.write(tmp.resolve("cjs.zip"), zip(Map.of("index.js", NODE_CJS.getBytes(UTF8))));
    Files.write(tmp.resolve("esm.zip"), zip(Map.of("index.mjs", NODE_ESM.getBytes(UTF8))));
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaFunctions.compileInto(classes);
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (Path c : JavaFunctions.files(classes)) {
      entries.put(classes.relativize(c).toString(), Files.readAllBytes(c));
    }
    Files.write(tmp.resolve("java.zip"), zip(entries));
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    coldStarts.forEach((fn, ms) -> System.out.println("cold start " + fn + ": " + ms + " ms"));
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  @Order(1)
  void nodeCommonJs_asyncHandler_answersResultAndLogsAwsConsoleLine() throws Exception {
    create("node-cjs", "nodejs20.x", "index.handler", "cjs.zip", 3, 128);
    Invoked r = invoke("node-cjs", "{\"n\":21}");

    assertThat(r.meta.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(r.meta.has("FunctionError")).isFalse();
    JsonNode p = AwsCli.JSON.readTree(r.payload);
    assertThat(p.get("doubled").asInt()).isEqualTo(42);
    assertThat(p.get("name").asText()).isEqualTo("node-cjs");
    assertThat(p.get("memory").asText()).isEqualTo("128");
    String id = p.get("requestId").asText();
    // nodejs-logging.html: "{ISO time}\t{request id}\tINFO\t{message}".
    assertThat(r.log)
        .containsPattern(
            "\\n\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\\t"
                + id
                + "\\tINFO\\tprocessing 21\\n")
        .contains("START RequestId: " + id, "END RequestId: " + id, "REPORT RequestId: " + id);
    coldStarts.put("nodejs20.x (CommonJS)", initDuration(r.log));
  }

  @Test
  @Order(2)
  void nodeCommonJs_thrownError_isUnhandledWithAwsErrorShape() throws Exception {
    Invoked r = invoke("node-cjs", "{\"n\":1,\"fail\":true}");

    assertThat(r.meta.get("FunctionError").asText()).isEqualTo("Unhandled");
    JsonNode p = AwsCli.JSON.readTree(r.payload);
    assertThat(p.get("errorType").asText()).isEqualTo("RangeError");
    assertThat(p.get("errorMessage").asText()).isEqualTo("n out of range");
    assertThat(p.get("trace").get(0).asText()).isEqualTo("RangeError: n out of range");
    assertThat(r.log).contains("\tERROR\tInvoke Error \t{\"errorType\":\"RangeError\"");
  }

  @Test
  @Order(3)
  void nodeCallbackHandler_answersWhatItCalledBackWith() throws Exception {
    create("node-callback", "nodejs18.x", "index.callback", "cjs.zip", 3, 128);
    Invoked r = invoke("node-callback", "{\"n\":5}");
    assertThat(r.payload).isEqualTo("{\"via\":\"callback\",\"n\":5}");
    coldStarts.put("nodejs18.x (callback)", initDuration(r.log));
  }

  @Test
  @Order(4)
  void nodeEsModule_exportConstHandler_runs() throws Exception {
    create("node-esm", "nodejs22.x", "index.handler", "esm.zip", 3, 128);
    Invoked r = invoke("node-esm", "{\"text\":\"abc\"}");
    assertThat(r.payload).isEqualTo("{\"sha\":\"ba7816bf\"}");
    coldStarts.put("nodejs22.x (ES module)", initDuration(r.log));
  }

  @Test
  @Order(5)
  void nodeTimeout_answersTaskTimedOut() throws Exception {
    create("node-slow", "nodejs20.x", "index.handler", "cjs.zip", 1, 128);
    Invoked r = invoke("node-slow", "{\"n\":1,\"sleepMs\":5000}");
    // AWS: 200, FunctionError Unhandled, "... Task timed out after 1.00 seconds".
    assertThat(r.meta.get("FunctionError").asText()).isEqualTo("Unhandled");
    assertThat(AwsCli.JSON.readTree(r.payload).get("errorMessage").asText())
        .endsWith("Task timed out after 1.00 seconds");
  }

  @Test
  @Order(6)
  void javaRequestHandler_compiledAndZipped_runsOnAwsRuntimeInterfaceClient() throws Exception {
    create("java-pojo", "java17", "com.example.Handler::handleRequest", "java.zip", 15, 512);
    Invoked r = invoke("java-pojo", "{\"a\":1}");

    assertThat(r.meta.has("FunctionError")).as(r.payload + r.log).isFalse();
    JsonNode p = AwsCli.JSON.readTree(r.payload);
    assertThat(p.get("echo").toString()).isEqualTo("{\"a\":1}");
    assertThat(p.get("functionName").asText()).isEqualTo("java-pojo");
    // The zip's lib/greeter.jar is on the handler's class path, as on AWS.
    assertThat(p.get("greeting").asText()).isEqualTo("hello java-pojo");
    assertThat(p.get("memoryLimitInMB").asInt()).isEqualTo(512);
    String id = p.get("awsRequestId").asText();
    assertThat(r.log).contains("hello from java " + id, "REPORT RequestId: " + id);
    coldStarts.put("java17 (RequestHandler)", initDuration(r.log));
    Invoked warm = invoke("java-pojo", "{}");
    assertThat(AwsCli.JSON.readTree(warm.payload).get("invocations").asInt()).isEqualTo(2);
    assertThat(warm.log).doesNotContain("Init Duration");
  }

  @Test
  @Order(7)
  void javaException_isUnhandledWithClassAsErrorType() throws Exception {
    Invoked r = invoke("java-pojo", "{\"fail\":true}");
    assertThat(r.meta.get("FunctionError").asText()).isEqualTo("Unhandled");
    JsonNode p = AwsCli.JSON.readTree(r.payload);
    assertThat(p.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(p.get("errorMessage").asText()).isEqualTo("boom");
  }

  @Test
  @Order(8)
  void javaStreamHandler_java21_getsTheRawEvent() throws Exception {
    create(
        "java-stream", "java21", "com.example.StreamHandler::handleRequest", "java.zip", 15, 512);
    Invoked r = invoke("java-stream", "{\"b\":[1,2]}");
    assertThat(r.payload)
        .as(r.log)
        .isEqualTo("{\"raw\":{\"b\":[1,2]},\"function\":\"java-stream\"}");
    coldStarts.put("java21 (RequestStreamHandler)", initDuration(r.log));
  }

  // The main use: a Node function behind a REST API's AWS_PROXY method (spec 6.4/6.5).
  @Test
  @Order(9)
  void nodeBehindAwsProxy_restApiAnswersWithTheFunctionsResponse() throws Exception {
    create("node-proxy", "nodejs20.x", "index.proxy", "cjs.zip", 3, 128);
    String account = turnpike.endpoints().accountId();
    String functionArn = "arn:aws:lambda:us-east-1:" + account + ":function:node-proxy";
    String apiId = aws.json("create-rest-api", "--name", "node-proxy").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", apiId).get("items").get(0).get("id").asText();
    String proxy =
        aws.json(
                "create-resource",
                "--rest-api-id",
                apiId,
                "--parent-id",
                root,
                "--path-part",
                "{proxy+}")
            .get("id")
            .asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        apiId,
        "--resource-id",
        proxy,
        "--http-method",
        "ANY",
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        proxy,
        "--http-method",
        "ANY",
        "--type",
        "AWS_PROXY",
        "--integration-http-method",
        "POST",
        "--uri",
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + functionArn
            + "/invocations");
    ok(
        "lambda",
        "add-permission",
        "--function-name",
        "node-proxy",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*/*/*");
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "test");

    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/test/hello/node", null);

    assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
    assertThat(r.header("x-runtime")).isEqualTo("node");
    assertThat(r.bodyText()).isEqualTo("{\"path\":\"/hello/node\",\"method\":\"GET\"}");
  }

  private record Invoked(JsonNode meta, String payload, String log) {}

  private static void create(
      String name, String runtime, String handler, String zip, int timeout, int memory)
      throws Exception {
    JsonNode c =
        ok(
            "lambda",
            "create-function",
            "--function-name",
            name,
            "--runtime",
            runtime,
            "--handler",
            handler,
            "--role",
            roleArn,
            "--timeout",
            Integer.toString(timeout),
            "--memory-size",
            Integer.toString(memory),
            "--zip-file",
            "fileb://" + tmp.resolve(zip));
    assertThat(c.get("Runtime").asText()).isEqualTo(runtime);
    assertThat(c.get("State").asText()).isEqualTo("Active");
  }

  private static Invoked invoke(String function, String payload) throws Exception {
    Path in = Files.createTempFile(tmp, "in", ".json");
    Files.writeString(in, payload);
    Path out = Files.createTempFile(tmp, "out", ".json");
    JsonNode meta =
        ok(
            "lambda",
            "invoke",
            "--function-name",
            function,
            "--payload",
            "fileb://" + in,
            "--log-type",
            "Tail",
            out.toString());
    String log = new String(Base64.getDecoder().decode(meta.get("LogResult").asText()), UTF8);
    return new Invoked(meta, Files.readString(out), log);
  }

  private static String initDuration(String log) {
    Matcher m = INIT.matcher(log);
    assertThat(m.find()).as("Init Duration in " + log).isTrue();
    return m.group(1);
  }

  private static JsonNode ok(String service, String... args) throws Exception {
    AwsCli.Result r = aws.runService(service, args);
    if (r.exitCode() != 0) {
      throw new AssertionError(
          "aws " + service + " " + String.join(" ", args) + " failed: " + r.stderr());
    }
    return r.json();
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
