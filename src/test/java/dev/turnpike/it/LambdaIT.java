package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's control plane end to end: the real AWS CLI against a real Turnpike process creates an
 * IAM role, a Python function from a zip this test writes, reads, lists, invokes (success, an
 * unhandled error, the log tail) and deletes it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaIT {
  private static final String HANDLER =
      "def handler(event, context):\n"
          + "    print('hello from the handler')\n"
          + "    if event.get('fail'):\n"
          + "        raise ValueError('boom')\n"
          + "    return {'echo': event, 'name': context.function_name}\n";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String roleArn;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    roleArn = LambdaFixtures.executionRole(aws, "lambda-exec");
    Path zip = tmp.resolve("fn.zip");
    Files.write(zip, zip("app.py", HANDLER));
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  @Order(1)
  void createFunction_pythonZip_answersActiveConfiguration() throws Exception {
    JsonNode c =
        ok(
            "lambda",
            "create-function",
            "--function-name",
            "echo",
            "--runtime",
            "python3.12",
            "--handler",
            "app.handler",
            "--role",
            roleArn,
            "--zip-file",
            "fileb://" + tmp.resolve("fn.zip"),
            "--environment",
            "Variables={GREETING=hi}");
    assertThat(c.get("FunctionArn").asText())
        .isEqualTo(
            "arn:aws:lambda:us-east-1:" + turnpike.endpoints().accountId() + ":function:echo");
    assertThat(c.get("State").asText()).isEqualTo("Active");
    assertThat(c.get("CodeSize").asLong()).isEqualTo(Files.size(tmp.resolve("fn.zip")));
  }

  @Test
  @Order(2)
  void createFunction_sameNameAgain_failsResourceConflict() throws Exception {
    AwsCli.Result r =
        aws.runService(
            "lambda",
            "create-function",
            "--function-name",
            "echo",
            "--runtime",
            "python3.12",
            "--handler",
            "app.handler",
            "--role",
            roleArn,
            "--zip-file",
            "fileb://" + tmp.resolve("fn.zip"));
    assertThat(r.exitCode()).isNotZero();
    // AWS: 409 ResourceConflictException "Function already exist: {name}".
    assertThat(r.stderr()).contains("ResourceConflictException", "Function already exist: echo");
  }

  @Test
  @Order(3)
  void getAndListFunctions_created_showIt() throws Exception {
    JsonNode f = ok("lambda", "get-function", "--function-name", "echo");
    assertThat(f.get("Configuration").get("Runtime").asText()).isEqualTo("python3.12");
    assertThat(f.get("Code").get("RepositoryType").asText()).isEqualTo("S3");
    JsonNode list = ok("lambda", "list-functions");
    assertThat(list.get("Functions").get(0).get("FunctionName").asText()).isEqualTo("echo");
  }

  @Test
  @Order(4)
  void invoke_payload_answersHandlersResultWithoutFunctionError() throws Exception {
    Path in = tmp.resolve("in.json");
    Files.writeString(in, "{\"a\":1}");
    Path out = tmp.resolve("out.json");
    JsonNode meta =
        ok(
            "lambda",
            "invoke",
            "--function-name",
            "echo",
            "--payload",
            "fileb://" + in,
            out.toString());
    assertThat(meta.get("StatusCode").asInt()).isEqualTo(200);
    assertThat(meta.has("FunctionError")).isFalse();
    assertThat(Files.readString(out)).isEqualTo("{\"echo\": {\"a\": 1}, \"name\": \"echo\"}");
  }

  @Test
  @Order(5)
  void invoke_raisingHandlerWithTail_answersUnhandledErrorAndLog() throws Exception {
    Path in = tmp.resolve("fail.json");
    Files.writeString(in, "{\"fail\":true}");
    Path out = tmp.resolve("fail-out.json");
    JsonNode meta =
        ok(
            "lambda",
            "invoke",
            "--function-name",
            "echo",
            "--payload",
            "fileb://" + in,
            "--log-type",
            "Tail",
            out.toString());
    // AWS: a raised exception is 200 with X-Amz-Function-Error: Unhandled and the error as JSON.
    assertThat(meta.get("FunctionError").asText()).isEqualTo("Unhandled");
    JsonNode error = AwsCli.JSON.readTree(Files.readString(out));
    assertThat(error.get("errorMessage").asText()).isEqualTo("boom");
    assertThat(error.get("errorType").asText()).isEqualTo("ValueError");
    String log =
        new String(
            Base64.getDecoder().decode(meta.get("LogResult").asText()), StandardCharsets.UTF_8);
    assertThat(log).contains("START RequestId", "hello from the handler", "REPORT RequestId");
  }

  @Test
  @Order(6)
  void updateFunctionCodeAndConfiguration_thenInvoke_runsNewCode() throws Exception {
    Path zip2 = tmp.resolve("fn2.zip");
    Files.write(
        zip2,
        zip("app.py", "import os\ndef handler(event, context):\n    return os.environ['MODE']\n"));
    JsonNode c =
        ok(
            "lambda",
            "update-function-configuration",
            "--function-name",
            "echo",
            "--timeout",
            "10",
            "--environment",
            "Variables={MODE=v2}");
    assertThat(c.get("Timeout").asInt()).isEqualTo(10);
    JsonNode code =
        ok(
            "lambda",
            "update-function-code",
            "--function-name",
            "echo",
            "--zip-file",
            "fileb://" + zip2);
    assertThat(code.get("CodeSize").asLong()).isEqualTo(Files.size(zip2));
    Path in = tmp.resolve("empty.json");
    Files.writeString(in, "{}");
    Path out = tmp.resolve("v2-out.json");
    ok("lambda", "invoke", "--function-name", "echo", "--payload", "fileb://" + in, out.toString());
    assertThat(Files.readString(out)).isEqualTo("\"v2\"");
  }

  @Test
  @Order(7)
  void deleteFunction_thenGet_failsResourceNotFound() throws Exception {
    aws.runService("lambda", "delete-function", "--function-name", "echo");
    AwsCli.Result r = aws.runService("lambda", "get-function", "--function-name", "echo");
    assertThat(r.exitCode()).isNotZero();
    // AWS: 404 ResourceNotFoundException "Function not found: {arn}".
    assertThat(r.stderr())
        .contains(
            "ResourceNotFoundException",
            "Function not found: arn:aws:lambda:us-east-1:"
                + turnpike.endpoints().accountId()
                + ":function:echo");
  }

  private static JsonNode ok(String service, String... args) throws Exception {
    return LambdaFixtures.ok(aws, service, args);
  }

  private static byte[] zip(String entry, String content) throws IOException {
    return LambdaFixtures.zip(entry, content);
  }
}
