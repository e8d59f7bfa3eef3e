package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP APIs with Lambda ({@code AWS_PROXY}) end to end: a real Python function created with the AWS
 * CLI, an HTTP API quick-created with the function as its target (payload 2.0); 500 until {@code
 * aws lambda add-permission} allows the API; the 2.0 event exactly as spec 6.6 describes it; the
 * 2.0 response forms (full, inferred from a JSON object or a string, cookies, base64); function
 * errors 500; a timeout 503; and the payload 1.0 event as HTTP APIs send it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpApiLambdaIT {
  private static final String HANDLER =
      String.join(
          "\n",
          "import json, time",
          "def handler(event, context):",
          "    path = event.get('rawPath') or event.get('path')",
          "    if path.endswith('/event'):",
          "        return {'statusCode': 200, 'headers': {'content-type': 'application/json'},"
              + " 'body': json.dumps(event)}",
          "    if path.endswith('/infer'):",
          "        return {'message': 'Hello'}",
          "    if path.endswith('/string'):",
          "        return 'hello'",
          "    if path.endswith('/cookies'):",
          "        return {'statusCode': 201, 'cookies': ['a=1; Path=/', 'b=2'],"
              + " 'headers': {'x-h': 'v'}, 'body': 'ok'}",
          "    if path.endswith('/base64'):",
          "        return {'statusCode': 200, 'headers': {'content-type':"
              + " 'application/octet-stream'}, 'body': 'aGk=', 'isBase64Encoded': True}",
          "    if path.endswith('/fail'):",
          "        raise Exception('boom')",
          "    if path.endswith('/slow'):",
          "        time.sleep(3)",
          "    return {'statusCode': 200, 'body': 'default'}",
          "");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String account;
  static String functionArn;
  static String apiId;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    account = turnpike.endpoints().accountId();
    String role = LambdaFixtures.executionRole(aws, "http-api-exec");
    Path zip = tmp.resolve("fn.zip");
    Files.write(zip, LambdaFixtures.zip("app.py", HANDLER));
    functionArn =
        LambdaFixtures.ok(
                aws,
                "lambda",
                "create-function",
                "--function-name",
                "httpfn",
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
    apiId =
        aws.v2("create-api", "--name", "fn", "--protocol-type", "HTTP", "--target", functionArn)
            .get("ApiId")
            .asText();
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static RawHttp.Response call(String method, String path, String body, String... headers)
      throws Exception {
    return Invoke.hostStyle(turnpike, apiId, method, path, body, headers);
  }

  @Test
  @Order(1)
  void withoutPermission_is500() throws Exception {
    JsonNode in = aws.v2("get-integrations", "--api-id", apiId).get("Items").get(0);
    assertThat(in.get("IntegrationType").asText()).isEqualTo("AWS_PROXY");
    assertThat(in.get("PayloadFormatVersion").asText()).isEqualTo("2.0");
    assertThat(in.get("IntegrationUri").asText()).isEqualTo(functionArn);
    RawHttp.Response r =
        Poll.until(Duration.ofSeconds(10), () -> call("GET", "/x", null), x -> x.status() != 404);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    LambdaFixtures.ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "httpfn",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":" + apiId + "/*");
    r = Poll.until(Duration.ofSeconds(10), () -> call("GET", "/x", null), x -> x.status() == 200);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("default");
  }

  @Test
  @Order(2)
  void payload20Event_isAsDocumented() throws Exception {
    RawHttp.Response r =
        call(
            "GET",
            "/event?b=2&a=1&a=3",
            null,
            "X-Multi",
            "one",
            "X-Multi",
            "two",
            "Cookie",
            "c1=v1; c2=v2",
            "User-Agent",
            "it-agent");
    assertThat(r.status()).isEqualTo(200);
    JsonNode e = AwsCli.JSON.readTree(r.bodyText());
    assertThat(e.get("version").asText()).isEqualTo("2.0");
    assertThat(e.get("routeKey").asText()).isEqualTo("$default");
    assertThat(e.get("rawPath").asText()).isEqualTo("/event");
    assertThat(e.get("rawQueryString").asText()).isEqualTo("b=2&a=1&a=3");
    assertThat(e.get("cookies").toString()).isEqualTo("[\"c1=v1\",\"c2=v2\"]");
    JsonNode h = e.get("headers");
    assertThat(h.get("x-multi").asText()).isEqualTo("one,two");
    assertThat(h.get("user-agent").asText()).isEqualTo("it-agent");
    assertThat(h.has("cookie")).isFalse();
    assertThat(h.get("host").asText()).isEqualTo(Invoke.host(apiId, turnpike.httpPort()));
    h.fieldNames().forEachRemaining(n -> assertThat(n).isLowerCase());
    assertThat(e.get("queryStringParameters").toString()).isEqualTo("{\"b\":\"2\",\"a\":\"1,3\"}");
    assertThat(e.has("multiValueHeaders")).isFalse();
    assertThat(e.has("pathParameters")).isFalse();
    assertThat(e.has("body")).isFalse();
    assertThat(e.get("isBase64Encoded").asBoolean()).isFalse();
    JsonNode ctx = e.get("requestContext");
    assertThat(ctx.get("accountId").asText()).isEqualTo(account);
    assertThat(ctx.get("apiId").asText()).isEqualTo(apiId);
    assertThat(ctx.get("domainName").asText())
        .isEqualTo(apiId + ".execute-api.us-east-1.localhost");
    assertThat(ctx.get("domainPrefix").asText()).isEqualTo(apiId);
    assertThat(ctx.get("routeKey").asText()).isEqualTo("$default");
    assertThat(ctx.get("stage").asText()).isEqualTo("$default");
    assertThat(ctx.get("requestId").asText()).isEqualTo(r.header("apigw-requestid"));
    assertThat(ctx.get("time").asText())
        .matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000");
    assertThat(ctx.get("timeEpoch").isIntegralNumber()).isTrue();
    JsonNode http = ctx.get("http");
    assertThat(http.get("method").asText()).isEqualTo("GET");
    assertThat(http.get("path").asText()).isEqualTo("/event");
    assertThat(http.get("protocol").asText()).isEqualTo("HTTP/1.1");
    assertThat(http.get("sourceIp").asText()).isEqualTo("127.0.0.1");
    assertThat(http.get("userAgent").asText()).isEqualTo("it-agent");
  }

  @Test
  @Order(3)
  void bodies_textAsIs_binaryBase64() throws Exception {
    JsonNode text =
        AwsCli.JSON.readTree(
            call("POST", "/event", "{\"k\":1}", "Content-Type", "application/json").bodyText());
    assertThat(text.get("body").asText()).isEqualTo("{\"k\":1}");
    assertThat(text.get("isBase64Encoded").asBoolean()).isFalse();
    JsonNode binary =
        AwsCli.JSON.readTree(
            call("POST", "/event", "hi", "Content-Type", "application/octet-stream").bodyText());
    assertThat(binary.get("body").asText()).isEqualTo("aGk=");
    assertThat(binary.get("isBase64Encoded").asBoolean()).isTrue();
  }

  @Test
  @Order(4)
  void responses_fullInferredCookiesBase64() throws Exception {
    RawHttp.Response infer = call("GET", "/infer", null);
    assertThat(infer.status()).isEqualTo(200); // C82
    assertThat(infer.header("Content-Type")).isEqualTo("application/json");
    assertThat(infer.bodyText()).isEqualTo("{\"message\": \"Hello\"}");
    RawHttp.Response string = call("GET", "/string", null);
    assertThat(string.status()).isEqualTo(200);
    assertThat(string.bodyText()).isEqualTo("hello");
    RawHttp.Response cookies = call("GET", "/cookies", null);
    assertThat(cookies.status()).isEqualTo(201);
    assertThat(cookies.bodyText()).isEqualTo("ok");
    assertThat(cookies.header("x-h")).isEqualTo("v");
    List<String> set =
        cookies.headers().stream()
            .filter(x -> x.getKey().equalsIgnoreCase("Set-Cookie"))
            .map(java.util.Map.Entry::getValue)
            .toList();
    assertThat(set).containsExactly("a=1; Path=/", "b=2");
    RawHttp.Response b64 = call("GET", "/base64", null);
    assertThat(b64.status()).isEqualTo(200);
    assertThat(b64.bodyText()).isEqualTo("hi");
    assertThat(b64.header("Content-Type")).isEqualTo("application/octet-stream");
    assertThat(b64.header("apigw-requestid")).matches(Invoke.APIGW_ID);
  }

  @Test
  @Order(5)
  void functionError_is500() throws Exception {
    RawHttp.Response r = call("GET", "/fail", null);
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Internal Server Error\"}");
  }

  @Test
  @Order(6)
  void slowerThanTheIntegrationTimeout_is503_andPayload10EventAsHttpApisSendIt() throws Exception {
    String slow =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "AWS_PROXY",
                "--integration-uri",
                functionArn,
                "--payload-format-version",
                "2.0",
                "--timeout-in-millis",
                "1000")
            .get("IntegrationId")
            .asText();
    aws.v2(
        "create-route",
        "--api-id",
        apiId,
        "--route-key",
        "GET /slow",
        "--target",
        "integrations/" + slow);
    String v1 =
        aws.v2(
                "create-integration",
                "--api-id",
                apiId,
                "--integration-type",
                "AWS_PROXY",
                "--integration-uri",
                functionArn,
                "--payload-format-version",
                "1.0")
            .get("IntegrationId")
            .asText();
    aws.v2(
        "create-route",
        "--api-id",
        apiId,
        "--route-key",
        "GET /v1/{name}/event",
        "--target",
        "integrations/" + v1);
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(10), () -> call("GET", "/slow", null), x -> x.status() == 503);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Service Unavailable\"}");

    RawHttp.Response v1r =
        Poll.until(
            Duration.ofSeconds(10),
            () -> call("GET", "/v1/abc/event?q=1", null, "X-Custom", "c"),
            x -> x.status() == 200 && x.bodyText().contains("\"version\""));
    JsonNode e = AwsCli.JSON.readTree(v1r.bodyText());
    assertThat(e.get("version").asText()).isEqualTo("1.0");
    assertThat(e.get("resource").asText()).isEqualTo("/v1/{name}/event");
    assertThat(e.get("path").asText()).isEqualTo("/v1/abc/event");
    assertThat(e.get("httpMethod").asText()).isEqualTo("GET");
    assertThat(e.get("headers").get("x-custom").asText()).isEqualTo("c");
    assertThat(e.get("multiValueHeaders").get("x-custom").toString()).isEqualTo("[\"c\"]");
    assertThat(e.get("queryStringParameters").get("q").asText()).isEqualTo("1");
    assertThat(e.get("pathParameters").get("name").asText()).isEqualTo("abc");
    assertThat(e.get("requestContext").get("stage").asText()).isEqualTo("$default");
  }
}
