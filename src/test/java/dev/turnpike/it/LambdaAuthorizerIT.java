package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/**
 * Issue 18's Lambda authorizers end to end (spec 8): the AWS CLI creates a Python authorizer
 * function, TOKEN and REQUEST authorizers and CUSTOM methods proxying to a Python function that
 * echoes {@code requestContext.authorizer}; plain HTTP calls then see each of AWS's answers: 401
 * without a token or for a token the validation expression refuses, 500 {@code
 * AuthorizerConfigurationException} without the invoke permission and for results that are not
 * authorizer results, 403 for a Deny and for the cached policy that names only the first method
 * (the classic case), 200 with the principal and context reaching the integration.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LambdaAuthorizerIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The authorizer: its answer depends on the token (TOKEN) or the header X-Token (REQUEST). */
  private static final String AUTHORIZER =
      String.join(
          "\n",
          "import json",
          "def policy(effect, resource, ctx=None):",
          "    out = {'principalId': 'user-42', 'policyDocument': {'Version': '2012-10-17',",
          "           'Statement': [{'Action': 'execute-api:Invoke', 'Effect': effect,",
          "                          'Resource': resource}]}}",
          "    if ctx is not None:",
          "        out['context'] = ctx",
          "    return out",
          "def handler(event, context):",
          "    print('authorizer event', json.dumps(event))",
          "    arn = event['methodArn']",
          "    if event['type'] == 'REQUEST':",
          "        q = (event.get('queryStringParameters') or {}).get('q')",
          "        return policy('Allow', arn, {'type': event['type'], 'q': q,",
          "                      'resource': event['resource']})",
          "    t = event['authorizationToken']",
          "    if t == 'allow':",
          "        return policy('Allow', arn, {'user': 'alice', 'n': 7, 'admin': True})",
          "    if t == 'allow-all':",
          "        return policy('Allow', arn.split('/')[0] + '/*')",
          "    if t == 'deny':",
          "        return policy('Deny', arn)",
          "    if t == 'unauthorized':",
          "        raise Exception('Unauthorized')",
          "    if t == 'boom':",
          "        raise Exception('boom')",
          "    if t == 'http':",
          "        return {'statusCode': 401, 'body': 'nope'}",
          "    if t == 'nested':",
          "        return policy('Allow', arn, {'a': {'b': 1}})",
          "    return None",
          "");

  /** The REQUEST authorizer, in Node (CommonJS): echoes parts of its event into the context. */
  private static final String NODE_REQUEST =
      String.join(
          "\n",
          "exports.handler = async (event) => ({",
          "  principalId: 'node-user',",
          "  policyDocument: { Version: '2012-10-17', Statement: [",
          "    { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }] },",
          "  context: { type: event.type, q: (event.queryStringParameters || {}).q,",
          "             resource: event.resource, token: event.headers['X-Token'] },",
          "});",
          "");

  private static final String ECHO =
      String.join(
          "\n",
          "import json",
          "def handler(event, context):",
          "    return {'statusCode': 200, 'body': json.dumps(event['requestContext']"
              + ".get('authorizer'))}",
          "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String account;
  static String apiId;
  static String tokenAuthorizer;
  static String petsId;

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close(); // before JUnit deletes its data directory
    }
  }

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    account = turnpike.endpoints().accountId();
    String role = LambdaFixtures.executionRole(aws, "auth-exec");
    String authArn = function("auth", AUTHORIZER, role);
    String echoArn = function("echo", ECHO, role);
    Path nodeZip = tmp.resolve("node-auth.zip");
    Files.write(nodeZip, LambdaFixtures.zip("index.js", NODE_REQUEST));
    String nodeArn =
        LambdaFixtures.ok(
                aws,
                "lambda",
                "create-function",
                "--function-name",
                "node-auth",
                "--runtime",
                "nodejs20.x",
                "--handler",
                "index.handler",
                "--role",
                role,
                "--zip-file",
                "fileb://" + nodeZip)
            .get("FunctionArn")
            .asText();
    apiId = aws.json("create-rest-api", "--name", "authorized").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", apiId).get("items").get(0).get("id").asText();
    JsonNode token =
        aws.json(
            "create-authorizer",
            "--rest-api-id",
            apiId,
            "--name",
            "token",
            "--type",
            "TOKEN",
            "--authorizer-uri",
            invocationUri(authArn),
            "--identity-source",
            "method.request.header.Authorization",
            "--identity-validation-expression",
            "^[a-z-]+$");
    tokenAuthorizer = token.get("id").asText();
    String request =
        aws.json(
                "create-authorizer",
                "--rest-api-id",
                apiId,
                "--name",
                "request",
                "--type",
                "REQUEST",
                "--authorizer-uri",
                invocationUri(nodeArn),
                "--identity-source",
                "method.request.header.X-Token,method.request.querystring.q",
                "--authorizer-result-ttl-in-seconds",
                "0")
            .get("id")
            .asText();
    petsId = method(root, "pets", tokenAuthorizer, echoArn);
    method(root, "orders", tokenAuthorizer, echoArn);
    method(root, "req", request, echoArn);
    LambdaFixtures.ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "echo",
        "--statement-id",
        "api",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*/GET/*");
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "test");
    aws.json(
        "update-stage",
        "--rest-api-id",
        apiId,
        "--stage-name",
        "test",
        "--patch-operations",
        "op=replace,path=/*/*/logging/loglevel,value=INFO",
        "op=replace,path=/accessLogSettings/format,value="
            + "$context.requestId $context.authorizer.principalId $context.authorizer.user");
  }

  @Test
  @Order(1)
  void createAuthorizer_answersAwsShape_andMethodsNeedAKnownAuthorizer() throws Exception {
    JsonNode a =
        aws.json("get-authorizer", "--rest-api-id", apiId, "--authorizer-id", tokenAuthorizer);
    // Recorded (spec 8.1): authType "custom" when omitted, no TTL member when none was given.
    assertThat(a.get("authType").asText()).isEqualTo("custom");
    assertThat(a.get("type").asText()).isEqualTo("TOKEN");
    assertThat(a.has("authorizerResultTtlInSeconds")).isFalse();
    assertThat(aws.json("get-authorizers", "--rest-api-id", apiId).get("items")).hasSize(2);
    AwsCli.Result bad =
        aws.run(
            "put-method",
            "--rest-api-id",
            apiId,
            "--resource-id",
            petsId,
            "--http-method",
            "POST",
            "--authorization-type",
            "CUSTOM",
            "--authorizer-id",
            "nope00");
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.stderr())
        .contains("BadRequestException")
        .contains(
            "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or"
                + " COGNITO_USER_POOLS requires a valid authorizer.");
    AwsCli.Result inUse =
        aws.run("delete-authorizer", "--rest-api-id", apiId, "--authorizer-id", tokenAuthorizer);
    assertThat(inUse.stderr())
        .contains("ConflictException")
        .contains("Cannot delete authorizer 'token', is referenced in method: GET /");
    AwsCli.Result ttl =
        aws.run(
            "update-authorizer",
            "--rest-api-id",
            apiId,
            "--authorizer-id",
            tokenAuthorizer,
            "--patch-operations",
            "op=replace,path=/authorizerResultTtlInSeconds,value=3601");
    assertThat(ttl.stderr()).contains("BadRequestException").contains("3600");
  }

  @Test
  @Order(2)
  void missingOrMalformedToken_is401_withoutCallingTheFunction() throws Exception {
    RawHttp.Response none = get("/test/pets");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(none.header("x-amzn-ErrorType")).isEqualTo("UnauthorizedException");
    RawHttp.Response invalid = get("/test/pets", "Authorization", "Bearer X1");
    assertThat(invalid.status()).isEqualTo(401);
    assertThat(invalid.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
  }

  @Test
  @Order(3)
  void withoutInvokePermission_is500AuthorizerConfigurationException() throws Exception {
    RawHttp.Response r = get("/test/pets", "Authorization", "allow");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\":null}");
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("AuthorizerConfigurationException");
    assertThat(executionLogWith("Invalid permissions on Lambda function"))
        .contains("Starting authorizer: " + tokenAuthorizer);
    // What the AWS docs tell you to run: the permission for the authorizer's source ARN.
    LambdaFixtures.ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "auth",
        "--statement-id",
        "authorizer",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/authorizers/*");
    LambdaFixtures.ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "node-auth",
        "--statement-id",
        "authorizer",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/authorizers/*");
  }

  @Test
  @Order(4)
  void allow_passesPrincipalAndContextToTheIntegration() throws Exception {
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(5),
            () -> get("/test/pets", "Authorization", "allow"),
            x -> x.status() == 200);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode a = JSON.readTree(r.bodyText());
    assertThat(a.get("principalId").asText()).isEqualTo("user-42");
    assertThat(a.get("user").asText()).isEqualTo("alice");
    assertThat(a.get("n").asInt()).isEqualTo(7);
    assertThat(a.get("admin").asBoolean()).isTrue();
    assertThat(a.has("integrationLatency")).isTrue();
    assertThat(executionLogWith("Successfully completed authorizer execution"))
        // Identities are masked to their last 6 characters, as AWS logs them (spec 8.4).
        .contains("Incoming identity: *****")
        .contains("\"type\":\"TOKEN\",\"authorizationToken\":\"allow\"")
        .contains("Using valid authorizer policy for principal: *ser-42");
    // $context.authorizer.* in the stage's access-log format (spec 8.5).
    String line = r.header("x-amzn-RequestId") + " user-42 alice";
    Path accessLog = turnpike.dataDir().resolve("logs").resolve("access.log");
    assertThat(
            Poll.until(
                Duration.ofSeconds(5),
                () -> Files.isRegularFile(accessLog) ? Files.readString(accessLog) : "",
                text -> text.contains(line)))
        .contains(line);
  }

  @Test
  @Order(5)
  void cachedPolicyForTheFirstMethod_deniesTheSecond_untilTheCacheIsFlushed() throws Exception {
    // The classic case (spec 8.3): the policy cached for token "allow" names /pets only.
    RawHttp.Response again = get("/test/pets", "Authorization", "allow");
    assertThat(again.status()).isEqualTo(200);
    assertThat(JSON.readTree(again.bodyText()).get("integrationLatency").asInt()).isZero();
    RawHttp.Response other = get("/test/orders", "Authorization", "allow");
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.bodyText())
        .isEqualTo("{\"Message\":\"User is not authorized to access this resource\"}");
    assertThat(other.header("x-amzn-ErrorType")).isEqualTo("AccessDeniedException");
    String id = other.header("x-amzn-RequestId");
    ExplainIT.Run run =
        Poll.until(
            Duration.ofSeconds(10),
            () -> ExplainIT.turnpikeCli("explain", id, "--data-dir", turnpike.dataDir().toString()),
            done -> done.exit() == 0);
    assertThat(run.out())
        .contains("status 403")
        .contains("authorizer: " + tokenAuthorizer + " (TOKEN)")
        .contains("from the cache")
        .contains("/test/GET/orders")
        .contains("turnpike kb show authorizer-403");
    // doctor access --token shows the same thing before anyone calls: the policy cached for it.
    ExplainIT.Run doctor =
        ExplainIT.turnpikeCli(
            "doctor",
            "access",
            "--api",
            apiId,
            "--stage",
            "test",
            "--method",
            "GET",
            "--path",
            "/orders",
            "--token",
            "allow",
            "--data-dir",
            turnpike.dataDir().toString());
    assertThat(doctor.exit()).as(doctor.err()).isEqualTo(2);
    assertThat(doctor.out())
        .contains("has no statement allowing")
        .contains(apiId + "/test/GET/orders")
        .contains("authorizer-403");
    aws.json("flush-stage-authorizers-cache", "--rest-api-id", apiId, "--stage-name", "test");
    RawHttp.Response fresh =
        Poll.until(
            Duration.ofSeconds(5),
            () -> get("/test/orders", "Authorization", "allow"),
            x -> x.status() == 200);
    assertThat(fresh.status()).isEqualTo(200);
    RawHttp.Response wide = get("/test/orders", "Authorization", "allow-all");
    assertThat(wide.status()).isEqualTo(200);
    assertThat(get("/test/pets", "Authorization", "allow-all").status()).isEqualTo(200);
  }

  @Test
  @Order(6)
  void deny_is403ExplicitDeny() throws Exception {
    RawHttp.Response r = get("/test/pets", "Authorization", "deny");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"Message\":\"User is not authorized to access this resource with an explicit"
                + " deny\"}");
    assertThat(r.body().length).isEqualTo(82);
  }

  @Test
  @Order(7)
  void functionErrorsAndBadShapes_are401Or500() throws Exception {
    RawHttp.Response unauthorized = get("/test/pets", "Authorization", "unauthorized");
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    for (String token : new String[] {"boom", "http", "nested", "null-result"}) {
      RawHttp.Response r = get("/test/pets", "Authorization", token);
      assertThat(r.status()).as(token).isEqualTo(500);
      assertThat(r.bodyText()).as(token).isEqualTo("{\"message\":null}");
      assertThat(r.header("x-amzn-ErrorType"))
          .as(token)
          .isEqualTo("AuthorizerConfigurationException");
    }
    assertThat(executionLogWith("Authorizer result body before parsing: null"))
        .contains("Could not parse policy")
        .contains("Authorizer result body before parsing: {\"statusCode\": 401");
    // A refusal is an answer, not a server fault: nothing on the console for it (the cache's
    // library logs a failed load with its stack trace unless told not to).
    assertThat(turnpike.output())
        .doesNotContain("Exception thrown during asynchronous load")
        .doesNotContain("\tat dev.turnpike");
  }

  @Test
  @Order(8)
  void requestAuthorizer_needsEverySource_andSeesTheRequest() throws Exception {
    RawHttp.Response missing = get("/test/req", "X-Token", "t1");
    assertThat(missing.status()).isEqualTo(401);
    RawHttp.Response r = get("/test/req?q=hello", "X-Token", "t1");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode a = JSON.readTree(r.bodyText());
    assertThat(a.get("principalId").asText()).isEqualTo("node-user");
    assertThat(a.get("type").asText()).isEqualTo("REQUEST");
    assertThat(a.get("q").asText()).isEqualTo("hello");
    assertThat(a.get("resource").asText()).isEqualTo("/req");
    assertThat(a.get("token").asText()).isEqualTo("t1");
  }

  @Test
  @Order(9)
  void testInvokeAuthorizer_runsTheFunctionAndShowsTheLog() throws Exception {
    JsonNode ok =
        aws.json(
            "test-invoke-authorizer",
            "--rest-api-id",
            apiId,
            "--authorizer-id",
            tokenAuthorizer,
            "--headers",
            "Authorization=allow",
            "--path-with-query-string",
            "/pets");
    // Spec 8.6: clientStatus 0 when authorized, the policy as a JSON string, the test stage null.
    assertThat(ok.get("clientStatus").asInt()).isZero();
    assertThat(ok.get("principalId").asText()).isEqualTo("user-42");
    assertThat(ok.get("policy").asText())
        .contains("\"Effect\":\"Allow\"")
        .contains(apiId + "/null/GET/pets");
    assertThat(ok.get("log").asText())
        .startsWith("Execution log for request test-request\n")
        .contains(" : Starting authorizer: " + tokenAuthorizer + " for request: test-request")
        .contains(" : Incoming identity: allow\n")
        .contains("Successfully completed authorizer execution");
    JsonNode refused =
        aws.json(
            "test-invoke-authorizer",
            "--rest-api-id",
            apiId,
            "--authorizer-id",
            tokenAuthorizer,
            "--headers",
            "Authorization=unauthorized");
    assertThat(refused.get("clientStatus").asInt()).isEqualTo(401);
    JsonNode missing =
        aws.json(
            "test-invoke-authorizer", "--rest-api-id", apiId, "--authorizer-id", tokenAuthorizer);
    assertThat(missing.get("clientStatus").asInt()).isEqualTo(401);
    assertThat(missing.get("log").asText()).contains("Unauthorized request: test-request");
  }

  @Test
  @Order(10)
  void resourcePolicy_deniesBeforeTheAuthorizer_andAllowsWhatItsPolicyIsSilentOn()
      throws Exception {
    // Spec 5.2: with a Lambda authorizer, an explicit Deny of the resource policy refuses before
    // the
    // authorizer runs; otherwise the two are combined by table A (either may allow).
    String policy =
        "{\"Version\":\"2012-10-17\",\"Statement\":["
            + "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\","
            + "\"Resource\":\"execute-api:/*/GET/orders\"},"
            + "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"execute-api:Invoke\","
            + "\"Resource\":\"execute-api:/*/GET/req\"}]}";
    aws.json(
        "update-rest-api",
        "--rest-api-id",
        apiId,
        "--patch-operations",
        AwsCli.JSON.writeValueAsString(
            java.util.List.of(
                java.util.Map.of("op", "replace", "path", "/policy", "value", policy))));
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "test");
    RawHttp.Response denied =
        Poll.until(
            Duration.ofSeconds(5),
            () -> get("/test/req?q=x", "X-Token", "t1"),
            x -> x.status() == 403);
    assertThat(denied.bodyText())
        .isEqualTo(
            "{\"Message\":\"User: anonymous is not authorized to perform: execute-api:Invoke on"
                + " resource: arn:aws:execute-api:us-east-1:********"
                + account.substring(8)
                + ":"
                + apiId
                + "/test/GET/req with an explicit deny in a resource-based policy\"}");
    // The token "allow" yields a policy naming only the method it was asked for; the resource
    // policy allows GET /orders, so the request passes (table A: the resource policy alone allows).
    aws.json("flush-stage-authorizers-cache", "--rest-api-id", apiId, "--stage-name", "test");
    Poll.until(
        Duration.ofSeconds(5),
        () -> get("/test/pets", "Authorization", "allow"),
        x -> x.status() == 200);
    assertThat(get("/test/orders", "Authorization", "allow").status()).isEqualTo(200);
    // ... and where neither allows, the authorizer's 403 stands.
    assertThat(get("/test/orders", "Authorization", "deny").status()).isEqualTo(403);
  }

  @Test
  @Order(11)
  void unauthorizedGatewayResponse_isCustomizableAsTheOthers() throws Exception {
    // A common setup: a WWW-Authenticate header and a body of one's own on 401 (spec 1.4).
    aws.json(
        "put-gateway-response",
        "--rest-api-id",
        apiId,
        "--response-type",
        "UNAUTHORIZED",
        "--response-parameters",
        "{\"gatewayresponse.header.WWW-Authenticate\":\"'Bearer realm=pets'\"}",
        "--response-templates",
        "{\"application/json\":\"{\\\"error\\\":$context.error.messageString,"
            + "\\\"type\\\":\\\"$context.error.responseType\\\"}\"}");
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "test");
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(5),
            () -> get("/test/pets"),
            x -> x.header("WWW-Authenticate") != null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=pets");
    assertThat(r.bodyText()).isEqualTo("{\"error\":\"Unauthorized\",\"type\":\"UNAUTHORIZED\"}");
  }

  private static String function(String name, String code, String role) throws Exception {
    Path zip = tmp.resolve(name + ".zip");
    Files.write(zip, LambdaFixtures.zip("app.py", code));
    return LambdaFixtures.ok(
            aws,
            "lambda",
            "create-function",
            "--function-name",
            name,
            "--runtime",
            "python3.12",
            "--handler",
            "app.handler",
            "--role",
            role,
            "--zip-file",
            "fileb://" + zip)
        .get("FunctionArn")
        .asText();
  }

  private static String invocationUri(String functionArn) {
    return "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/"
        + functionArn
        + "/invocations";
  }

  /** {@code GET /{part}}: CUSTOM with {@code authorizerId}, AWS_PROXY to {@code functionArn}. */
  private static String method(String root, String part, String authorizerId, String functionArn)
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
        "CUSTOM",
        "--authorizer-id",
        authorizerId);
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        id,
        "--http-method",
        "GET",
        "--type",
        "AWS_PROXY",
        "--integration-http-method",
        "POST",
        "--uri",
        invocationUri(functionArn));
    return id;
  }

  private static RawHttp.Response get(String stageAndPath, String... headers)
      throws java.io.IOException {
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
}
