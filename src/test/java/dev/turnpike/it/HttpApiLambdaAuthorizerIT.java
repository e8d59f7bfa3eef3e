package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * HTTP API Lambda ({@code REQUEST}) authorizers end to end (issue 19, spec 8.7): one real Python
 * function created with the AWS CLI is both the authorizer (events with {@code type: REQUEST}) and
 * the route's AWS_PROXY 2.0 integration (it answers with the event it got). Payload 2.0 with simple
 * responses ({@code isAuthorized}, a context with a list, results cached for the identity: the
 * function's call counter does not move) and payload 1.0 with an IAM policy against the route ARN
 * and two identity sources (header and query string). A missing identity source is 401 without a
 * call, {@code isAuthorized: false} and a Deny policy 403, a failing function 500; the integration
 * sees {@code requestContext.authorizer.lambda}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiLambdaAuthorizerIT {
  private static final String HANDLER =
      String.join(
          "\n",
          "import json",
          "CALLS = 0",
          "def handler(event, context):",
          "    global CALLS",
          "    if event.get('type') != 'REQUEST':",
          "        return {'statusCode': 200, 'headers': {'content-type': 'application/json'},"
              + " 'body': json.dumps(event)}",
          "    CALLS += 1",
          "    if event['version'] == '1.0':",
          "        effect = 'Allow' if event['authorizationToken'].startswith('allow') else 'Deny'",
          "        return {'principalId': 'bob', 'policyDocument': {'Version': '2012-10-17',"
              + " 'Statement': [{'Effect': effect, 'Action': 'execute-api:Invoke',"
              + " 'Resource': event['methodArn']}]}, 'context': {'version': event['version'],"
              + " 'token': event['authorizationToken'], 'calls': CALLS}}",
          "    token = event['identitySource'][0]",
          "    if token == 'boom':",
          "        raise Exception('authorizer failed')",
          "    if token == 'garbage':",
          "        return 'not a simple response'",
          "    return {'isAuthorized': token == 'allow', 'context': {'user': 'alice',"
              + " 'roles': ['a', 'b'], 'calls': CALLS, 'routeArn': event['routeArn'],"
              + " 'ids': event['identitySource'], 'routeKey': event['routeKey']}}",
          "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String account;
  static String apiId;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    account = turnpike.endpoints().accountId();
    String role = LambdaFixtures.executionRole(aws, "authz-exec");
    Path zip = tmp.resolve("fn.zip");
    Files.write(zip, LambdaFixtures.zip("app.py", HANDLER));
    String fn =
        LambdaFixtures.ok(
                aws,
                "lambda",
                "create-function",
                "--function-name",
                "authz",
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
    apiId =
        aws.v2("create-api", "--name", "lambda-authz", "--protocol-type", "HTTP")
            .get("ApiId")
            .asText();
    LambdaFixtures.ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "authz",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*");
    aws.v2("create-stage", "--api-id", apiId, "--stage-name", "$default", "--auto-deploy");
    String uri =
        "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/" + fn + "/invocations";
    JsonNode simple =
        aws.v2(
            "create-authorizer",
            "--api-id",
            apiId,
            "--name",
            "simple",
            "--authorizer-type",
            "REQUEST",
            "--authorizer-uri",
            uri,
            "--authorizer-payload-format-version",
            "2.0",
            "--enable-simple-responses",
            "--identity-source",
            "$request.header.Authorization",
            "--authorizer-result-ttl-in-seconds",
            "300");
    assertThat(simple.get("EnableSimpleResponses").asBoolean()).isTrue();
    assertThat(simple.get("AuthorizerResultTtlInSeconds").asInt()).isEqualTo(300);
    String policy =
        aws.v2(
                "create-authorizer",
                "--api-id",
                apiId,
                "--name",
                "policy",
                "--authorizer-type",
                "REQUEST",
                "--authorizer-uri",
                uri,
                "--authorizer-payload-format-version",
                "1.0",
                "--identity-source",
                "$request.header.Authorization",
                "$request.querystring.tenant")
            .get("AuthorizerId")
            .asText();
    String in =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "AWS_PROXY",
                "--integration-uri",
                fn,
                "--payload-format-version",
                "2.0")
            .get("IntegrationId")
            .asText();
    route("GET /simple", simple.get("AuthorizerId").asText(), in);
    route("GET /policy", policy, in);
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static void route(String key, String authorizerId, String integrationId)
      throws Exception {
    aws.v2(
        "create-route",
        "--api-id",
        apiId,
        "--route-key",
        key,
        "--authorization-type",
        "CUSTOM",
        "--authorizer-id",
        authorizerId,
        "--target",
        "integrations/" + integrationId);
  }

  private static RawHttp.Response call(String path, String... headers) throws Exception {
    return Invoke.hostStyle(turnpike, apiId, "GET", path, null, headers);
  }

  private static JsonNode lambdaContext(RawHttp.Response r) throws Exception {
    return AwsCli.JSON.readTree(r.bodyText()).get("requestContext").get("authorizer").get("lambda");
  }

  @Test
  @Order(1)
  void missingIdentitySource_is401_withoutACall() throws Exception {
    RawHttp.Response r =
        Poll.until(Duration.ofSeconds(10), () -> call("/simple"), x -> x.status() != 404);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(r.header("apigw-requestid")).matches(Invoke.APIGW_ID);
  }

  @Test
  @Order(2)
  void simpleResponse_authorized_contextReachesTheIntegration_andIsCached() throws Exception {
    RawHttp.Response r = call("/simple", "Authorization", "allow");
    assertThat(r.status()).isEqualTo(200);
    JsonNode ctx = lambdaContext(r);
    assertThat(ctx.get("user").asText()).isEqualTo("alice");
    assertThat(ctx.get("roles").toString()).isEqualTo("[\"a\",\"b\"]");
    assertThat(ctx.get("ids").toString()).isEqualTo("[\"allow\"]");
    assertThat(ctx.get("routeKey").asText()).isEqualTo("GET /simple");
    assertThat(ctx.get("routeArn").asText())
        .isEqualTo(
            "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/$default/GET/simple");
    int calls = ctx.get("calls").asInt();
    // Within the TTL the same identity is answered from the cache: the function is not called.
    RawHttp.Response again = call("/simple", "Authorization", "allow");
    assertThat(again.status()).isEqualTo(200);
    assertThat(lambdaContext(again).get("calls").asInt()).isEqualTo(calls);
  }

  @Test
  @Order(3)
  void simpleResponse_notAuthorized_is403_failingFunction_is500() throws Exception {
    RawHttp.Response denied = call("/simple", "Authorization", "deny");
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    RawHttp.Response boom = call("/simple", "Authorization", "boom");
    assertThat(boom.status()).isEqualTo(500);
    assertThat(boom.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    RawHttp.Response garbage = call("/simple", "Authorization", "garbage");
    assertThat(garbage.status()).isEqualTo(500);
  }

  @Test
  @Order(4)
  void payload10Policy_twoIdentitySources_evaluatedAgainstTheRouteArn() throws Exception {
    assertThat(call("/policy", "Authorization", "allow-1").status()).isEqualTo(401); // no tenant
    RawHttp.Response ok = call("/policy?tenant=t1", "Authorization", "allow-1");
    assertThat(ok.status()).isEqualTo(200);
    JsonNode ctx = lambdaContext(ok);
    assertThat(ctx.get("version").asText()).isEqualTo("1.0");
    assertThat(ctx.get("token").asText()).isEqualTo("allow-1,t1");
    // TTL unset: no caching, every request calls the function.
    int calls = ctx.get("calls").asInt();
    RawHttp.Response next = call("/policy?tenant=t1", "Authorization", "allow-1");
    assertThat(lambdaContext(next).get("calls").asInt()).isGreaterThan(calls);
    RawHttp.Response deny = call("/policy?tenant=t1", "Authorization", "deny");
    assertThat(deny.status()).isEqualTo(403);
    assertThat(deny.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  @Order(5)
  void controlPlane_refusesWhatAwsRefuses() throws Exception {
    AwsCli.Result simpleWith10 =
        aws.runService(
            "apigatewayv2",
            "create-authorizer",
            "--api-id",
            apiId,
            "--name",
            "bad",
            "--authorizer-type",
            "REQUEST",
            "--authorizer-uri",
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/x/invocations",
            "--authorizer-payload-format-version",
            "1.0",
            "--identity-source",
            "$request.header.X",
            "--enable-simple-responses");
    assertThat(simpleWith10.exitCode()).isNotZero();
    assertThat(simpleWith10.stderr()).contains("BadRequestException");
    AwsCli.Result noVersion =
        aws.runService(
            "apigatewayv2",
            "create-authorizer",
            "--api-id",
            apiId,
            "--name",
            "bad",
            "--authorizer-type",
            "REQUEST",
            "--authorizer-uri",
            "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/x/invocations",
            "--identity-source",
            "$request.header.X");
    assertThat(noVersion.exitCode()).isNotZero();
    assertThat(noVersion.stderr())
        .contains("BadRequestException")
        .contains("AuthorizerPayloadFormatVersion");
  }
}
