package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary media types and compression on a REST API (spec 6.5, 11.3, 11.4), configured with the AWS
 * CLI, served by a real Python function behind {@code AWS_PROXY}: a PNG returned base64 with {@code
 * isBase64Encoded} arrives as its exact bytes when the first {@code Accept} type is binary, and as
 * the base64 text on an API without binary media types (C28); a binary request body reaches the
 * function base64-encoded with {@code isBase64Encoded: true}, a text one as text; responses at or
 * above {@code minimumCompressionSize} are gzip- or deflate-compressed by {@code Accept-Encoding},
 * smaller ones and clients that ask for no coding get them as they are.
 */
class BinaryMediaIT {
  /** The first bytes of a PNG: not valid UTF-8 (0x89), so any text round trip would show. */
  private static final byte[] PNG = {
    (byte) 0x89,
    'P',
    'N',
    'G',
    '\r',
    '\n',
    0x1a,
    '\n',
    0,
    0,
    0,
    0x0d,
    'I',
    'H',
    'D',
    'R',
    (byte) 0xff
  };

  private static final String HANDLER =
      String.join(
          "\n",
          "import json",
          "PNG = '" + Base64.getEncoder().encodeToString(PNG) + "'",
          "def handler(event, context):",
          "    path = event['path']",
          "    if path.endswith('/png'):",
          "        return {'statusCode': 200, 'headers': {'Content-Type': 'image/png'},"
              + " 'body': PNG, 'isBase64Encoded': True}",
          "    if path.endswith('/echo'):",
          "        return {'statusCode': 200, 'body': json.dumps({'isBase64Encoded':"
              + " event['isBase64Encoded'], 'body': event['body']})}",
          "    if path.endswith('/big'):",
          "        return {'statusCode': 200, 'headers': {'Content-Type': 'text/plain'},"
              + " 'body': 'turnpike ' * 250}",
          "    return {'statusCode': 200, 'headers': {'Content-Type': 'text/plain'}, 'body':"
              + " 'tiny'}",
          "");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String binaryApi;
  static String plainApi;
  static HttpServer backend;
  static volatile byte[] uploaded;

  @BeforeAll
  static void setUp() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    String account = turnpike.endpoints().accountId();
    String role = LambdaFixtures.executionRole(aws, "binary-exec");
    Path zip = tmp.resolve("fn.zip");
    Files.write(zip, LambdaFixtures.zip("app.py", HANDLER));
    String functionArn =
        LambdaFixtures.ok(
                aws,
                "lambda",
                "create-function",
                "--function-name",
                "binaryfn",
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
    LambdaFixtures.ok(
        aws,
        "lambda",
        "add-permission",
        "--function-name",
        "binaryfn",
        "--statement-id",
        "apigateway",
        "--action",
        "lambda:InvokeFunction",
        "--principal",
        "apigateway.amazonaws.com",
        "--source-arn",
        "arn:aws:execute-api:us-east-1:" + account + ":*");
    binaryApi =
        proxyApi(
            functionArn,
            "--binary-media-types",
            "image/png",
            "application/octet-stream",
            "--minimum-compression-size",
            "1000");
    plainApi = proxyApi(functionArn);
    backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    backend.createContext(
        "/img",
        x -> {
          x.getResponseHeaders().set("Content-Type", "image/png");
          x.sendResponseHeaders(200, PNG.length);
          x.getResponseBody().write(PNG);
          x.close();
        });
    backend.createContext(
        "/upload",
        x -> {
          uploaded = x.getRequestBody().readAllBytes();
          x.sendResponseHeaders(200, 2);
          x.getResponseBody().write("ok".getBytes(StandardCharsets.US_ASCII));
          x.close();
        });
    backend.start();
    String root =
        aws.json("get-resources", "--rest-api-id", binaryApi, "--query", "items[?path=='/']")
            .get(0)
            .get("id")
            .asText();
    httpMethod(root, "img", "GET", "/img");
    httpMethod(root, "upload", "POST", "/upload");
    aws.json("create-deployment", "--rest-api-id", binaryApi, "--stage-name", "test");
  }

  /** {@code VERB /part} → HTTP (non-proxy) to the backend's {@code path}, one 200 response. */
  private static void httpMethod(String root, String part, String verb, String path)
      throws Exception {
    String id =
        aws.json(
                "create-resource",
                "--rest-api-id",
                binaryApi,
                "--parent-id",
                root,
                "--path-part",
                part)
            .get("id")
            .asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        binaryApi,
        "--resource-id",
        id,
        "--http-method",
        verb,
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        binaryApi,
        "--resource-id",
        id,
        "--http-method",
        verb,
        "--type",
        "HTTP",
        "--integration-http-method",
        verb,
        "--uri",
        "http://127.0.0.1:" + backend.getAddress().getPort() + path);
    aws.json(
        "put-method-response",
        "--rest-api-id",
        binaryApi,
        "--resource-id",
        id,
        "--http-method",
        verb,
        "--status-code",
        "200");
    aws.json(
        "put-integration-response",
        "--rest-api-id",
        binaryApi,
        "--resource-id",
        id,
        "--http-method",
        verb,
        "--status-code",
        "200",
        "--selection-pattern",
        "");
  }

  /** A REST API with {@code ANY /{proxy+}} → the function, deployed to {@code test}. */
  private static String proxyApi(String functionArn, String... createOptions) throws Exception {
    String[] args = new String[3 + createOptions.length];
    args[0] = "create-rest-api";
    args[1] = "--name";
    args[2] = "binary";
    System.arraycopy(createOptions, 0, args, 3, createOptions.length);
    String api = aws.json(args).get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", api).get("items").get(0).get("id").asText();
    String proxy =
        aws.json(
                "create-resource",
                "--rest-api-id",
                api,
                "--parent-id",
                root,
                "--path-part",
                "{proxy+}")
            .get("id")
            .asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        api,
        "--resource-id",
        proxy,
        "--http-method",
        "ANY",
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        api,
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
    aws.json("create-deployment", "--rest-api-id", api, "--stage-name", "test");
    return api;
  }

  @AfterAll
  static void tearDown() throws InterruptedException {
    if (turnpike != null) {
      turnpike.close();
    }
    if (backend != null) {
      backend.stop(0);
    }
  }

  @Test
  void httpIntegration_binaryBackendBody_bytesToABinaryAcceptBase64ToAText() throws Exception {
    // AWS's response table: binary data to a binary Accept as it is, to a text one base64.
    HttpResponse<byte[]> bytes = get(binaryApi, "/img", "Accept", "image/png");
    assertThat(bytes.statusCode()).isEqualTo(200);
    assertThat(bytes.body()).isEqualTo(PNG);
    HttpResponse<byte[]> text = get(binaryApi, "/img", "Accept", "text/plain");
    assertThat(new String(text.body(), StandardCharsets.US_ASCII))
        .isEqualTo(Base64.getEncoder().encodeToString(PNG));
  }

  @Test
  void httpIntegration_binaryRequestBody_reachesTheBackendUnchanged() throws Exception {
    HttpRequest post =
        HttpRequest.newBuilder(Invoke.pathStyle(turnpike, binaryApi, "test", "/upload"))
            .header("Content-Type", "image/png")
            .POST(HttpRequest.BodyPublishers.ofByteArray(PNG))
            .build();
    HttpResponse<String> r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(uploaded).isEqualTo(PNG);
  }

  @Test
  void httpIntegration_gzipRequestBody_isDecompressedBeforeMapping() throws Exception {
    byte[] hello = "hello, compressed".getBytes(StandardCharsets.US_ASCII);
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(hello);
    }
    HttpResponse<String> r = upload(gz.toByteArray(), "gzip");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(uploaded).isEqualTo(hello);

    HttpResponse<String> garbage = upload(hello, "gzip");
    assertThat(garbage.statusCode()).isEqualTo(415);
    assertThat(garbage.body()).isEqualTo("{\"message\":\"Unsupported Media Type\"}");
  }

  private static HttpResponse<String> upload(byte[] body, String encoding) throws Exception {
    HttpRequest post =
        HttpRequest.newBuilder(Invoke.pathStyle(turnpike, binaryApi, "test", "/upload"))
            .header("Content-Type", "text/plain")
            .header("Content-Encoding", encoding)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return HTTP.send(post, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> get(String api, String path, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(Invoke.pathStyle(turnpike, api, "test", path))
            .timeout(Duration.ofSeconds(20));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return Poll.until(
        Duration.ofSeconds(10),
        () -> HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()),
        r -> r.statusCode() != 403 && r.statusCode() != 404);
  }

  @Test
  void base64Response_decodedWhenTheFirstAcceptIsBinary() throws Exception {
    HttpResponse<byte[]> r = get(binaryApi, "/png", "Accept", "image/png, text/html;q=0.9");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(r.body()).isEqualTo(PNG);
    assertThat(r.headers().firstValueAsLong("Content-Length")).hasValue(PNG.length);
  }

  @Test
  void base64Response_withoutBinaryMediaTypes_isTheBase64Text() throws Exception {
    // C28: isBase64Encoded with no binaryMediaTypes: the body is not decoded.
    HttpResponse<byte[]> r = get(plainApi, "/png", "Accept", "image/png");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(new String(r.body(), StandardCharsets.US_ASCII))
        .isEqualTo(Base64.getEncoder().encodeToString(PNG));
  }

  @Test
  void binaryRequestBody_reachesTheFunctionBase64Encoded() throws Exception {
    HttpRequest post =
        HttpRequest.newBuilder(Invoke.pathStyle(turnpike, binaryApi, "test", "/echo"))
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofByteArray(PNG))
            .build();
    HttpResponse<String> r = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode seen = JSON.readTree(r.body());
    assertThat(seen.get("isBase64Encoded").asBoolean()).isTrue();
    assertThat(Base64.getDecoder().decode(seen.get("body").asText())).isEqualTo(PNG);

    HttpRequest text =
        HttpRequest.newBuilder(Invoke.pathStyle(turnpike, binaryApi, "test", "/echo"))
            .header("Content-Type", "text/plain")
            .POST(HttpRequest.BodyPublishers.ofString("hello"))
            .build();
    JsonNode plain = JSON.readTree(HTTP.send(text, HttpResponse.BodyHandlers.ofString()).body());
    assertThat(plain.get("isBase64Encoded").asBoolean()).isFalse();
    assertThat(plain.get("body").asText()).isEqualTo("hello");
  }

  @Test
  void responsesAtTheMinimumSize_areCompressedByAcceptEncoding() throws Exception {
    byte[] expected = "turnpike ".repeat(250).getBytes(StandardCharsets.US_ASCII);
    HttpResponse<byte[]> gzip = get(binaryApi, "/big", "Accept-Encoding", "gzip");
    assertThat(gzip.statusCode()).isEqualTo(200);
    assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzip.body().length).isLessThan(expected.length);
    assertThat(gunzip(gzip.body())).isEqualTo(expected);

    HttpResponse<byte[]> deflate = get(binaryApi, "/big", "Accept-Encoding", "gzip;q=0.5, deflate");
    assertThat(deflate.headers().firstValue("Content-Encoding")).hasValue("deflate");
    assertThat(inflate(deflate.body())).isEqualTo(expected);

    HttpResponse<byte[]> none = get(binaryApi, "/big");
    assertThat(none.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(none.body()).isEqualTo(expected);

    HttpResponse<byte[]> small = get(binaryApi, "/small", "Accept-Encoding", "gzip");
    assertThat(small.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(new String(small.body(), StandardCharsets.US_ASCII)).isEqualTo("tiny");

    HttpResponse<byte[]> off = get(plainApi, "/big", "Accept-Encoding", "gzip");
    assertThat(off.headers().firstValue("Content-Encoding")).isEmpty(); // no minimum set
    assertThat(off.body()).isEqualTo(expected);
  }

  private static byte[] gunzip(byte[] body) throws Exception {
    return readAll(new GZIPInputStream(new ByteArrayInputStream(body)));
  }

  private static byte[] inflate(byte[] body) throws Exception {
    return readAll(new InflaterInputStream(new ByteArrayInputStream(body)));
  }

  private static byte[] readAll(InputStream in) throws Exception {
    try (in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      in.transferTo(out);
      return out.toByteArray();
    }
  }
}
