package dev.turnpike.it;

import static dev.turnpike.it.LambdaFixtures.ok;
import static dev.turnpike.it.LambdaFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's {@code TestInvokeMethod} end to end with the real AWS CLI ({@code aws apigateway
 * test-invoke-method}) against an API that was never deployed: MOCK (LocalStack's recorded {@code
 * test_invoke_test_method}: status, body, headers and the log's lines), HTTP_PROXY to a real
 * backend, AWS_PROXY to a real Python function, an edit answered without a deployment, and the
 * recorded 404s.
 */
class MethodTestInvokeIT {
  private static final String HANDLER =
      String.join(
          "\n",
          "import json",
          "def handler(event, context):",
          "    if 'requestContext' not in event:",
          "        return {'echo': event}",
          "    ctx = event['requestContext']",
          "    return {'statusCode': 201, 'headers': {'X-Fn': 'yes'},",
          "            'body': json.dumps({'stage': ctx['stage'], 'path': event['path'],",
          "                                'query': event['queryStringParameters'],",
          "                                'body': event['body']})}",
          "");

  /** {@code Tue May 30 01:22:45 UTC 2023 : }, the stamp of every line after the first. */
  private static final String STAMP = "\\w{3} \\w{3} \\d{2} \\d{2}:\\d{2}:\\d{2} UTC \\d{4} : ";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static EchoBackend backend;
  static String apiId;
  static String petId;
  static String echoId;
  static String fnId;
  static String awsId;
  static String functionArn;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    backend = EchoBackend.start();
    String account = turnpike.endpoints().accountId();
    apiId = aws.json("create-rest-api", "--name", "test-invoke").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", apiId).get("items").get(0).get("id").asText();
    String pets = resource(root, "pets");
    petId = resource(pets, "{petId}");
    put("put-method", petId, "GET", "--authorization-type", "NONE");
    put(
        "put-integration",
        petId,
        "GET",
        "--type",
        "MOCK",
        "--request-templates",
        "{\"application/json\":\"{\\\"statusCode\\\": 200}\"}");
    put("put-method-response", petId, "GET", "--status-code", "200");
    mockResponse("{\"petId\": \"$input.params('petId')\"}");

    echoId = resource(root, "echo");
    // API keys are ignored by a test invocation, as AWS ignores them.
    put("put-method", echoId, "GET", "--authorization-type", "NONE", "--api-key-required");
    put(
        "put-integration",
        echoId,
        "GET",
        "--type",
        "HTTP_PROXY",
        "--integration-http-method",
        "GET",
        "--uri",
        backend.url("/echo"));

    String role = LambdaFixtures.executionRole(aws, "test-invoke-exec");
    Path zipFile = tmp.resolve("fn.zip");
    Files.write(zipFile, zip("app.py", HANDLER));
    functionArn =
        ok(
                aws,
                "lambda",
                "create-function",
                "--function-name",
                "tested",
                "--runtime",
                "python3.12",
                "--handler",
                "app.handler",
                "--role",
                role,
                "--zip-file",
                "fileb://" + zipFile)
            .get("FunctionArn")
            .asText();
    ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "tested",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*/POST/*");
    fnId = resource(root, "fn");
    put("put-method", fnId, "POST", "--authorization-type", "NONE");
    put(
        "put-integration",
        fnId,
        "POST",
        "--type",
        "AWS_PROXY",
        "--integration-http-method",
        "POST",
        "--uri",
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + functionArn
            + "/invocations");
    awsId = awsResource(root);
  }

  private static String awsResource(String root) throws Exception {
    String id = resource(root, "aws");
    put("put-method", id, "POST", "--authorization-type", "NONE");
    put(
        "put-integration",
        id,
        "POST",
        "--type",
        "AWS",
        "--integration-http-method",
        "POST",
        "--uri",
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + functionArn
            + "/invocations");
    put("put-method-response", id, "POST", "--status-code", "200");
    put("put-integration-response", id, "POST", "--status-code", "200", "--selection-pattern", "");
    return id;
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (backend != null) {
      backend.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static String resource(String parent, String part) throws Exception {
    return aws.json(
            "create-resource", "--rest-api-id", apiId, "--parent-id", parent, "--path-part", part)
        .get("id")
        .asText();
  }

  private static void put(String op, String resourceId, String verb, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                op, "--rest-api-id", apiId, "--resource-id", resourceId, "--http-method", verb));
    args.addAll(List.of(more));
    aws.json(args.toArray(String[]::new));
  }

  private static void mockResponse(String template) throws Exception {
    put(
        "put-integration-response",
        petId,
        "GET",
        "--status-code",
        "200",
        "--response-templates",
        AwsCli.JSON.writeValueAsString(java.util.Map.of("application/json", template)));
  }

  private static JsonNode testInvoke(String resourceId, String verb, String... more)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "test-invoke-method",
                "--rest-api-id",
                apiId,
                "--resource-id",
                resourceId,
                "--http-method",
                verb));
    args.addAll(List.of(more));
    return aws.json(args.toArray(String[]::new));
  }

  /** The log's lines after the first, without their time stamps (each must carry one). */
  private static List<String> lines(JsonNode answer) {
    String[] all = answer.get("log").asText().split("\n");
    assertThat(all[0]).matches("Execution log for request [0-9a-f-]{36}");
    List<String> out = new ArrayList<>();
    for (int i = 1; i < all.length; i++) {
      assertThat(all[i]).matches(STAMP + ".*");
      out.add(all[i].replaceFirst(STAMP, ""));
    }
    return out;
  }

  // LocalStack test_invoke_test_method, "test-invoke-method-get-with-qs" (recorded against AWS).
  @Test
  void mock_pathAndQuery_answersTheRecordedShapeAndLog() throws Exception {
    JsonNode r = testInvoke(petId, "GET", "--path-with-query-string", "/pets/123?foo=bar");

    assertThat(r.get("status").asInt()).isEqualTo(200);
    assertThat(r.get("body").asText()).isEqualTo("{\"petId\": \"123\"}");
    assertThat(r.get("headers").toString()).isEqualTo("{\"Content-Type\":\"application/json\"}");
    assertThat(r.get("multiValueHeaders").toString())
        .isEqualTo("{\"Content-Type\":[\"application/json\"]}");
    assertThat(r.get("latency").isIntegralNumber()).isTrue();
    String id = r.get("log").asText().split("\n")[0].substring(26);
    assertThat(lines(r))
        .containsExactly(
            "Starting execution for request: " + id,
            "HTTP Method: GET, Resource Path: /pets/123",
            "Method request path: {petId=123}",
            "Method request query string: {foo=bar}",
            "Method request headers: {}",
            "Method request body before transformations: ",
            "Method response body after transformations: {\"petId\": \"123\"}",
            "Method response headers: {Content-Type=application/json}",
            "Successfully completed execution",
            "Method completed with status: 200");
  }

  // The API has no deployment at all: a test runs what is configured now, edits included.
  @Test
  void mock_editedWithoutDeployment_answersTheCurrentConfiguration() throws Exception {
    assertThat(aws.json("get-deployments", "--rest-api-id", apiId).get("items")).isEmpty();
    try {
      mockResponse("{\"edited\": \"$input.params('petId')\"}");
      JsonNode r = testInvoke(petId, "GET", "--path-with-query-string", "/pets/7");
      assertThat(r.get("body").asText()).isEqualTo("{\"edited\": \"7\"}");
    } finally {
      mockResponse("{\"petId\": \"$input.params('petId')\"}");
    }
  }

  @Test
  void httpProxy_callsTheBackendAndLogsTheEndpointExchange() throws Exception {
    JsonNode r =
        testInvoke(
            echoId, "GET", "--path-with-query-string", "/echo?a=1", "--headers", "X-Test=sent");

    assertThat(r.get("status").asInt()).isEqualTo(200);
    JsonNode echoed = AwsCli.JSON.readTree(r.get("body").asText());
    assertThat(echoed.get("path").asText()).isEqualTo("/echo");
    assertThat(echoed.get("query").asText()).isEqualTo("a=1");
    assertThat(echoed.get("headers").get("x-test").get(0).asText()).isEqualTo("sent");
    // The backend's headers come back (the JDK server spells this one X-backend).
    assertThat(r.get("headers").toString()).containsIgnoringCase("\"X-Backend\":\"echo\"");
    List<String> lines = lines(r);
    assertThat(lines)
        .contains(
            "HTTP Method: GET, Resource Path: /echo",
            "Method request query string: {a=1}",
            "Method request headers: {X-Test=sent}",
            "Endpoint request URI: " + backend.url("/echo") + "?a=1",
            "Sending request to " + backend.url("/echo") + "?a=1",
            "Successfully completed execution",
            "Method completed with status: 200");
    assertThat(lines)
        .anyMatch(l -> l.matches("Received response\\. Status: 200, Integration latency: \\d+ ms"))
        .anyMatch(l -> l.startsWith("Endpoint request headers: {") && l.contains("X-Test=sent"))
        .anyMatch(l -> l.startsWith("Endpoint response body before transformations: {"));
    assertThat(lines.get(lines.size() - 1)).isEqualTo("Method completed with status: 200");
  }

  @Test
  void awsProxy_runsTheFunctionWithTheTestStage() throws Exception {
    JsonNode r =
        testInvoke(fnId, "POST", "--path-with-query-string", "/fn?x=y", "--body", "{\"hello\":1}");

    assertThat(r.get("status").asInt()).isEqualTo(201);
    JsonNode body = AwsCli.JSON.readTree(r.get("body").asText());
    assertThat(body.get("stage").asText()).isEqualTo("test-invoke-stage");
    assertThat(body.get("path").asText()).isEqualTo("/fn");
    assertThat(body.get("query").get("x").asText()).isEqualTo("y");
    assertThat(body.get("body").asText()).isEqualTo("{\"hello\":1}");
    assertThat(r.get("headers").get("X-Fn").asText()).isEqualTo("yes");
    assertThat(r.get("headers").has("X-Amzn-Trace-Id")).isTrue();
    String invokeUrl =
        "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/"
            + functionArn
            + "/invocations";
    List<String> lines = lines(r);
    assertThat(lines)
        .contains(
            "HTTP Method: POST, Resource Path: /fn",
            "Method request body before transformations: {\"hello\":1}",
            "Endpoint request URI: " + invokeUrl,
            "Sending request to " + invokeUrl,
            "Successfully completed execution",
            "Method completed with status: 201");
    assertThat(lines)
        .anyMatch(l -> l.matches("Received response\\. Status: 200, Integration latency: \\d+ ms"))
        .anyMatch(
            l -> l.startsWith("Endpoint request body after transformations: {\"resource\":\"/fn\""))
        .anyMatch(
            l -> l.startsWith("Endpoint response body before transformations: {\"statusCode\""))
        .anyMatch(l -> l.startsWith("Method response headers: {") && l.contains("X-Fn=yes"));
  }

  // AWS (non-proxy) to Lambda: the body passed through (no request template), the result as is.
  @Test
  void awsLambda_passesTheBodyThroughAndAnswersTheResult() throws Exception {
    JsonNode r =
        testInvoke(awsId, "POST", "--path-with-query-string", "/aws", "--body", "{\"a\":1}");

    assertThat(r.get("status").asInt()).isEqualTo(200);
    assertThat(AwsCli.JSON.readTree(r.get("body").asText()).get("echo").get("a").asInt())
        .isEqualTo(1);
    assertThat(lines(r))
        .contains(
            "Endpoint request body after transformations: {\"a\":1}",
            "Successfully completed execution",
            "Method completed with status: 200")
        .anyMatch(
            l -> l.startsWith("Endpoint request URI: https://lambda.us-east-1.amazonaws.com/"));
  }

  // LocalStack test_invoke_test_method: "resource-id-not-found", "resource-method-not-found".
  @Test
  void unknownResourceOrMethod_isNotFound() throws Exception {
    AwsCli.Result noResource =
        aws.run(
            "test-invoke-method",
            "--rest-api-id",
            apiId,
            "--resource-id",
            "nothere",
            "--http-method",
            "GET");
    assertThat(noResource.exitCode()).isNotZero();
    assertThat(noResource.stderr())
        .contains("NotFoundException")
        .contains("Invalid Resource identifier specified");

    AwsCli.Result noMethod =
        aws.run(
            "test-invoke-method",
            "--rest-api-id",
            apiId,
            "--resource-id",
            petId,
            "--http-method",
            "DELETE");
    assertThat(noMethod.exitCode()).isNotZero();
    assertThat(noMethod.stderr())
        .contains("NotFoundException")
        .contains("Invalid Method identifier specified");
  }
}
