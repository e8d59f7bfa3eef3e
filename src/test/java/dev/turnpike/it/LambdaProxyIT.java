package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 17's {@code AWS_PROXY} end to end: the AWS CLI creates a Python function and a REST API
 * whose {@code ANY /{proxy+}} method proxies to it; plain HTTP calls then see what API Gateway
 * answers: 500 {@code Invalid permissions on Lambda function} until {@code aws lambda
 * add-permission} allows the API, the payload 1.0 event as recorded (spec 6.4), every recorded
 * response shape of spec 6.5 (valid ones passed on, malformed ones 502), a raised exception 502, a
 * function slower than the integration timeout 504, and the execution-log lines AWS writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaProxyIT {
  private static final String HANDLER =
      String.join(
          "\n",
          "import json, time",
          "SHAPES = {",
          "  'status-int': {'statusCode': 200},",
          "  'status-string': {'statusCode': '201'},",
          "  'status-text': {'statusCode': 'test'},",
          "  'no-status': {'headers': {'test-header': 'value'}},",
          "  'header-bool': {'statusCode': 200, 'headers': {'header-bool': True}},",
          "  'headers-null': {'statusCode': 200, 'headers': None},",
          "  'unknown-key': {'statusCode': 200, 'wrongValue': 'value'},",
          "  'empty': {},",
          "  'string': 'justAString',",
          "  'multi': {'statusCode': 200, 'multiValueHeaders': {'test-multi': ['value1',"
              + " 'value2']}},",
          "  'multi-merge': {'statusCode': 200, 'multiValueHeaders': {'tesT-Multi':"
              + " ['value-multi']}, 'headers': {'test-multi': 'value-solo'}},",
          "  'multi-not-list': {'statusCode': 200, 'multiValueHeaders': {'x': 'value1'}},",
          "  'base64': {'statusCode': 200, 'body': 'dGVzdC1kYXRh', 'isBase64Encoded': True},",
          "}",
          "def handler(event, context):",
          "    path = event['path']",
          "    if path.startswith('/shape/'):",
          "        return SHAPES[path[len('/shape/'):]]",
          "    if path == '/fail':",
          "        raise Exception('Handler fails')",
          "    if path == '/slow':",
          "        time.sleep(3)",
          "        return {'statusCode': 200, 'body': 'late'}",
          "    return {'statusCode': 200, 'headers': {'Content-Type': 'application/json'},"
              + " 'body': json.dumps(event)}",
          "");

  /** The recorded selection-pattern function of spec 9.5 (LS test_lambda_selection_patterns). */
  private static final String SELECT =
      String.join(
          "\n",
          "def handler(event, context):",
          "    print('select got', event)",
          "    v = event.get('param1', '')",
          "    if v == 'four':",
          "        raise Exception('Error: Raising four hundred from within the Lambda function')",
          "    if v == 'five':",
          "        raise Exception('Error: Raising five hundred from within the Lambda function')",
          "    return event",
          "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String account;
  static String apiId;
  static String functionArn;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    account = turnpike.endpoints().accountId();
    String role = LambdaFixtures.executionRole(aws, "proxy-exec");
    Path zip = tmp.resolve("proxy.zip");
    Files.write(zip, zip("app.py", HANDLER));
    functionArn =
        ok(
                "lambda",
                "create-function",
                "--function-name",
                "proxy",
                "--runtime",
                "python3.12",
                "--handler",
                "app.handler",
                "--timeout",
                "10",
                "--role",
                role,
                "--zip-file",
                "fileb://" + zip)
            .get("FunctionArn")
            .asText();
    apiId = aws.json("create-rest-api", "--name", "lambda-proxy").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", apiId).get("items").get(0).get("id").asText();
    String uri =
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
            + functionArn
            + "/invocations";
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
    method(proxy, "ANY", uri, 29_000);
    String slow =
        aws.json(
                "create-resource",
                "--rest-api-id",
                apiId,
                "--parent-id",
                root,
                "--path-part",
                "slow")
            .get("id")
            .asText();
    method(slow, "GET", uri, 1_000);
    Path selectZip = tmp.resolve("select.zip");
    Files.write(selectZip, zip("patterns.py", SELECT));
    String selectArn =
        ok(
                "lambda",
                "create-function",
                "--function-name",
                "select",
                "--runtime",
                "python3.12",
                "--handler",
                "patterns.handler",
                "--role",
                role,
                "--zip-file",
                "fileb://" + selectZip)
            .get("FunctionArn")
            .asText();
    ok(
        "lambda",
        "add-permission",
        "--function-name",
        "select",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*/GET/*");
    nonProxy(root, "select", selectArn, null);
    nonProxy(root, "async", selectArn, "'Event'");
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "test");
    aws.json(
        "update-stage",
        "--rest-api-id",
        apiId,
        "--stage-name",
        "test",
        "--patch-operations",
        "op=replace,path=/*/*/logging/loglevel,value=INFO");
  }

  private static void method(String resourceId, String verb, String uri, int timeout)
      throws Exception {
    aws.json(
        "put-method",
        "--rest-api-id",
        apiId,
        "--resource-id",
        resourceId,
        "--http-method",
        verb,
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        resourceId,
        "--http-method",
        verb,
        "--type",
        "AWS_PROXY",
        "--integration-http-method",
        "POST",
        "--uri",
        uri,
        "--timeout-in-millis",
        String.valueOf(timeout));
  }

  /**
   * {@code GET /{part}}: AWS to the select function with the recorded template and integration
   * responses ({@code ""} → 200, {@code .*four hundred.*} → 405, {@code .+} → 502, {@code 200} →
   * 504); {@code invocationType} mapped to X-Amz-Invocation-Type when not null.
   */
  private static void nonProxy(String root, String part, String functionArn, String invocationType)
      throws Exception {
    String id =
        aws.json(
                "create-resource", "--rest-api-id", apiId, "--parent-id", root, "--path-part", part)
            .get("id")
            .asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        apiId,
        "--resource-id",
        id,
        "--http-method",
        "GET",
        "--authorization-type",
        "NONE");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "put-integration",
                "--rest-api-id",
                apiId,
                "--resource-id",
                id,
                "--http-method",
                "GET",
                "--type",
                "AWS",
                "--integration-http-method",
                "POST",
                "--uri",
                "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
                    + functionArn
                    + "/invocations",
                "--request-templates",
                "{\"application/json\":\"{\\\"param1\\\":\\\"$input.params('param1')\\\"}\"}"));
    if (invocationType != null) {
      args.addAll(
          java.util.List.of(
              "--request-parameters",
              "{\"integration.request.header.X-Amz-Invocation-Type\":\"" + invocationType + "\"}"));
    }
    aws.json(args.toArray(String[]::new));
    String[][] responses = {
      {"200", ""}, {"405", ".*four hundred.*"}, {"502", ".+"}, {"504", "200"}
    };
    for (String[] r : responses) {
      aws.json(
          "put-method-response",
          "--rest-api-id",
          apiId,
          "--resource-id",
          id,
          "--http-method",
          "GET",
          "--status-code",
          r[0]);
      aws.json(
          "put-integration-response",
          "--rest-api-id",
          apiId,
          "--resource-id",
          id,
          "--http-method",
          "GET",
          "--status-code",
          r[0],
          "--selection-pattern",
          r[1]);
    }
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  @Order(1)
  void invoke_withoutPermission_answers500InvalidPermissions() throws Exception {
    RawHttp.Response r = get("/test/echo");
    // AWS (spec 9.6): no resource-policy statement and no credentials role → 500, and the execution
    // log says "Invalid permissions on Lambda function".
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
    String line =
        "Execution failed due to configuration error: Invalid permissions on Lambda function";
    assertThat(executionLogWith(line)).contains(line);
  }

  @Test
  @Order(2)
  void addPermission_sourceArnOfTheApi_isReturnedAsAwsWritesIt() throws Exception {
    JsonNode added =
        ok(
            "lambda",
            "add-permission",
            "--function-name",
            "proxy",
            "--statement-id",
            "apigateway-test",
            "--action",
            "lambda:InvokeFunction",
            "--principal",
            "apigateway.amazonaws.com",
            "--source-arn",
            "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*/*/*");
    JsonNode statement = AwsCli.JSON.readTree(added.get("Statement").asText());
    assertThat(statement.get("Principal").get("Service").asText())
        .isEqualTo("apigateway.amazonaws.com");
    assertThat(statement.get("Resource").asText()).isEqualTo(functionArn);
    assertThat(statement.get("Condition").get("ArnLike").get("AWS:SourceArn").asText())
        .endsWith(apiId + "/*/*/*");
    JsonNode policy =
        AwsCli.JSON.readTree(
            ok("lambda", "get-policy", "--function-name", "proxy").get("Policy").asText());
    assertThat(policy.get("Id").asText()).isEqualTo("default");
    assertThat(policy.get("Statement").get(0).get("Sid").asText()).isEqualTo("apigateway-test");
  }

  @Test
  @Order(3)
  void get_echo_eventIsPayload10AsRecorded() throws Exception {
    RawHttp.Response r =
        get(
            "/test/echo/?category=electronics&category=books&plus=test+alias@gmail.com"
                + "&email=test%2Balias@gmail.com",
            "tEsT-HEADeR", "aValUE", "User-Agent", "lambda-proxy-it");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    JsonNode e = AwsCli.JSON.readTree(r.body());
    assertThat(e.get("resource").asText()).isEqualTo("/{proxy+}");
    // Trailing slash kept in path, not in the proxy parameter (spec 6.2).
    assertThat(e.get("path").asText()).isEqualTo("/echo/");
    assertThat(e.get("pathParameters").get("proxy").asText()).isEqualTo("echo");
    assertThat(e.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(e.get("headers").get("tEsT-HEADeR").asText()).isEqualTo("aValUE");
    assertThat(e.get("multiValueHeaders").get("tEsT-HEADeR").toString()).isEqualTo("[\"aValUE\"]");
    assertThat(e.get("headers").get("X-Forwarded-Proto").asText()).isEqualTo("http");
    assertThat(e.get("headers").get("X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
    assertThat(e.get("headers").get("X-Amzn-Trace-Id").asText()).startsWith("Root=1-");
    // Last value wins in queryStringParameters; all in multiValueQueryStringParameters.
    assertThat(e.get("queryStringParameters").get("category").asText()).isEqualTo("books");
    assertThat(e.get("multiValueQueryStringParameters").get("category").toString())
        .isEqualTo("[\"electronics\",\"books\"]");
    assertThat(e.get("queryStringParameters").get("plus").asText())
        .isEqualTo("test alias@gmail.com");
    assertThat(e.get("queryStringParameters").get("email").asText())
        .isEqualTo("test+alias@gmail.com");
    assertThat(e.get("stageVariables").isNull()).isTrue();
    assertThat(e.get("body").isNull()).isTrue();
    assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    JsonNode c = e.get("requestContext");
    assertThat(c.get("accountId").asText()).isEqualTo(account);
    assertThat(c.get("apiId").asText()).isEqualTo(apiId);
    assertThat(c.get("stage").asText()).isEqualTo("test");
    assertThat(c.get("path").asText()).isEqualTo("/test/echo/");
    assertThat(c.get("resourcePath").asText()).isEqualTo("/{proxy+}");
    assertThat(c.get("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(c.get("requestId").asText()).isEqualTo(r.header("x-amzn-RequestId"));
    assertThat(c.get("requestTime").asText())
        .matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
    assertThat(c.get("requestTimeEpoch").isNumber()).isTrue();
    assertThat(c.get("domainPrefix").asText()).isEqualTo(apiId);
    assertThat(c.get("identity").get("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(c.get("identity").get("userAgent").asText()).isEqualTo("lambda-proxy-it");
    assertThat(c.get("identity").get("accessKey").isNull()).isTrue();
  }

  @Test
  @Order(4)
  void post_body_arrivesAsString() throws Exception {
    RawHttp.Response r =
        Invoke.hostStyle(
            turnpike,
            apiId,
            "POST",
            "/test/items",
            "{\"name\":\"x\"}",
            "Content-Type",
            "application/json");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode e = AwsCli.JSON.readTree(r.body());
    assertThat(e.get("body").asText()).isEqualTo("{\"name\":\"x\"}");
    assertThat(e.get("httpMethod").asText()).isEqualTo("POST");
    assertThat(e.get("queryStringParameters").isNull()).isTrue();
  }

  /** The recorded response shapes of spec 6.5: valid ones pass, malformed ones are 502. */
  @ParameterizedTest(name = "{0} → {1}")
  @Order(5)
  @CsvSource(
      delimiter = '|',
      value = {
        "status-int|200|",
        "status-string|201|",
        "status-text|502|",
        "no-status|200|test-header: value",
        "header-bool|200|header-bool: true",
        "headers-null|200|",
        "unknown-key|502|",
        "empty|502|",
        "string|502|",
        "multi|200|test-multi: value1, value2",
        "multi-merge|200|tesT-Multi: value-multi, value-solo",
        "multi-not-list|502|",
        "base64|200|"
      })
  void responseShape_answersAsRecorded(String shape, int status, String header) throws Exception {
    RawHttp.Response r = get("/test/shape/" + shape);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    if (status == 502) {
      assertThat(r.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InternalServerErrorException");
      return;
    }
    assertThat(r.header("Content-Type")).isEqualTo("application/json");
    if (header != null) {
      String name = header.substring(0, header.indexOf(':'));
      assertThat(r.headerNames()).contains(name);
      assertThat(r.header(name)).isEqualTo(header.substring(header.indexOf(':') + 2));
    }
    // isBase64Encoded without binaryMediaTypes: the body is passed on, not decoded (recorded).
    assertThat(r.bodyText()).isEqualTo(shape.equals("base64") ? "dGVzdC1kYXRh" : "");
  }

  @Test
  @Order(6)
  void malformedResponse_isLoggedAsAwsLogsIt() throws Exception {
    String line = "Execution failed due to configuration error: Malformed Lambda proxy response";
    assertThat(executionLogWith(line))
        .contains(line)
        .contains("Endpoint request URI: https://lambda.us-east-1.amazonaws.com/2015-03-31/")
        .contains("Method completed with status: 502");
  }

  @Test
  @Order(6)
  void explain_malformedResponse_namesTheWrongPartAndTheArticle() throws Exception {
    RawHttp.Response r = get("/test/shape/unknown-key");
    String id = r.header("x-amzn-RequestId");
    ExplainIT.Run run =
        Poll.until(
            Duration.ofSeconds(10),
            () -> ExplainIT.turnpikeCli("explain", id, "--data-dir", turnpike.dataDir().toString()),
            done -> done.exit() == 0);
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("status 502")
        .contains("Lambda function: " + functionArn)
        .contains("unknown member \"wrongValue\"")
        .contains("turnpike kb show lambda-malformed-proxy-response");
  }

  @Test
  @Order(7)
  void raisingFunction_answers502WithCustomerFunctionErrorLog() throws Exception {
    RawHttp.Response r = get("/test/fail");
    // AWS: a function error is 502 Internal server error; the log names the customer function
    // error.
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
    assertThat(r.header("X-Amzn-Trace-Id")).startsWith("Root=1-");
    String line =
        "Lambda execution failed with status 200 due to customer function error: Handler fails";
    assertThat(executionLogWith(line)).contains(line);
  }

  @Test
  @Order(8)
  void functionSlowerThanIntegrationTimeout_answers504() throws Exception {
    long start = System.nanoTime();
    RawHttp.Response r = get("/test/slow");
    long millis = (System.nanoTime() - start) / 1_000_000;
    // AWS (spec 6.9): past timeoutInMillis, 504 {"message": "Endpoint request timed out"}.
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    assertThat(millis).isBetween(900L, 2_900L);
  }

  @Test
  @Order(9)
  void removePermission_thenInvoke_answers500Again() throws Exception {
    AwsCli.Result removed =
        aws.runService(
            "lambda",
            "remove-permission",
            "--function-name",
            "proxy",
            "--statement-id",
            "apigateway-test");
    assertThat(removed.exitCode()).as(removed.stderr()).isZero();
    assertThat(get("/test/echo").status()).isEqualTo(500);
    AwsCli.Result policy = aws.runService("lambda", "get-policy", "--function-name", "proxy");
    // AWS: with no statement left, GetPolicy is 404 "The resource you requested does not exist."
    assertThat(policy.stderr())
        .contains("ResourceNotFoundException", "The resource you requested does not exist.");
  }

  @Test
  @Order(12)
  void reservedConcurrencyZero_throttlesAsLambdaDoes_andApiGatewayAnswers500() throws Exception {
    ok(
        "lambda",
        "add-permission",
        "--function-name",
        "proxy",
        "--statement-id",
        "again",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*/*/*");
    JsonNode put =
        ok(
            "lambda",
            "put-function-concurrency",
            "--function-name",
            "proxy",
            "--reserved-concurrent-executions",
            "0");
    assertThat(put.get("ReservedConcurrentExecutions").asInt()).isZero();
    assertThat(
            ok("lambda", "get-function", "--function-name", "proxy")
                .get("Concurrency")
                .get("ReservedConcurrentExecutions")
                .asInt())
        .isZero();
    // Lambda: 429 TooManyRequestsException "Rate Exceeded."; API Gateway: 500 and two log lines.
    AwsCli.Result direct =
        aws.runService(
            "lambda", "invoke", "--function-name", "proxy", tmp.resolve("t.json").toString());
    assertThat(direct.stderr()).contains("TooManyRequestsException", "Rate Exceeded.");
    RawHttp.Response r = get("/test/echo");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Internal server error\"}");
    String line = "Execution failed due to configuration error: Rate Exceeded.";
    assertThat(executionLogWith(line))
        .contains(line)
        .contains("Lambda invocation failed with status: 429");
    ok("lambda", "delete-function-concurrency", "--function-name", "proxy");
    assertThat(get("/test/echo").status()).isEqualTo(200);
  }

  @Test
  @Order(13)
  void doctorLambda_namesTheSlowTimeoutAndThenTheMissingPermission() throws Exception {
    ExplainIT.Run run = doctor();
    // Every permission is in place; GET /slow waits 1,000 ms for a function allowed 10 s.
    assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
    assertThat(run.out()).contains("\"level\" : \"WARN\"").contains("GET /slow");
    assertThat(run.out()).contains("may run 10 s, the integration waits 1000 ms");
    ok("lambda", "remove-permission", "--function-name", "proxy", "--statement-id", "again");
    run = doctor();
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out())
        .contains("API Gateway may not invoke proxy")
        .contains("aws lambda add-permission --function-name proxy")
        .contains(apiId + "/test/ANY/{proxy+}")
        .contains("lambda-invalid-permissions");
  }

  private static ExplainIT.Run doctor() throws Exception {
    return ExplainIT.turnpikeCli(
        "doctor",
        "lambda",
        "--api",
        apiId,
        "--stage",
        "test",
        "--json",
        "--data-dir",
        turnpike.dataDir().toString());
  }

  /** Spec 9.5, recorded: the template builds the payload; errorMessage selects the response. */
  @ParameterizedTest(name = "param1={0} → {1}")
  @Order(10)
  @CsvSource({"foobar,200", "four,405", "five,502"})
  void awsNonProxy_selectionPatternsOnErrorMessage(String param, int status) throws Exception {
    RawHttp.Response r = get("/test/select?param1=" + param);
    assertThat(r.status()).as(r.toString()).isEqualTo(status);
    JsonNode body = AwsCli.JSON.readTree(r.body());
    if (status == 200) {
      // The function returned the payload the template made: {"param1": "foobar"}.
      assertThat(body.toString()).isEqualTo("{\"param1\":\"foobar\"}");
    } else {
      // The error JSON passes through as the body: errorMessage, errorType, requestId, stackTrace.
      assertThat(body.get("errorMessage").asText()).startsWith("Error: Raising ");
      assertThat(body.get("errorType").asText()).isEqualTo("Exception");
      assertThat(body.has("stackTrace")).isTrue();
    }
  }

  @Test
  @Order(11)
  void awsNonProxy_eventInvocation_answersAtOnceAndRunsTheFunction() throws Exception {
    RawHttp.Response r = get("/test/async?param1=queued-call");
    // Lambda answers an Event invoke 202 with no body; the default integration response maps it.
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.bodyText()).isEmpty();
    Path log = turnpike.dataDir().resolve("logs/lambda/select.log");
    String text =
        Poll.until(
            Duration.ofSeconds(10),
            () -> Files.isRegularFile(log) ? Files.readString(log) : "",
            t -> t.contains("queued-call"));
    assertThat(text).contains("select got {'param1': 'queued-call'}");
  }

  private static RawHttp.Response get(String stageAndPath, String... headers) throws IOException {
    return Invoke.hostStyle(turnpike, apiId, "GET", stageAndPath, null, headers);
  }

  /** The stage's execution log once it holds {@code line} (it is written in the background). */
  private static String executionLogWith(String line) throws Exception {
    Path log = turnpike.dataDir().resolve("logs/execution/" + apiId + "/test.log");
    return Poll.until(
        Duration.ofSeconds(5),
        () -> Files.isRegularFile(log) ? Files.readString(log) : "",
        text -> text.contains(line));
  }

  private static JsonNode ok(String service, String... args) throws Exception {
    return LambdaFixtures.ok(aws, service, args);
  }

  private static byte[] zip(String entry, String content) throws IOException {
    return LambdaFixtures.zip(entry, content);
  }
}
