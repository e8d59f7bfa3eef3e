package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes a well-behaved client would not send, on both listeners: every refusal is an AWS-shaped
 * JSON error (never a stack trace), and the listener goes on serving the next connection.
 */
class MalformedInputIT {
  private static final int TEN_MB = 10 * 1024 * 1024;

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static String apiId;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    AwsCli aws = new AwsCli(turnpike);
    JsonNode api = aws.json("create-rest-api", "--name", "malformed");
    apiId = api.get("id").asText();
    String ok =
        aws.json(
                "create-resource",
                "--rest-api-id",
                apiId,
                "--parent-id",
                api.get("rootResourceId").asText(),
                "--path-part",
                "ok")
            .get("id")
            .asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        apiId,
        "--resource-id",
        ok,
        "--http-method",
        "ANY",
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        ok,
        "--http-method",
        "ANY",
        "--type",
        "MOCK",
        "--request-templates",
        "{\"application/json\": \"{\\\"statusCode\\\": 200}\"}");
    aws.json(
        "put-method-response",
        "--rest-api-id",
        apiId,
        "--resource-id",
        ok,
        "--http-method",
        "ANY",
        "--status-code",
        "200");
    aws.json(
        "put-integration-response",
        "--rest-api-id",
        apiId,
        "--resource-id",
        ok,
        "--http-method",
        "ANY",
        "--status-code",
        "200",
        "--response-templates",
        "{\"application/json\": \"fine\"}");
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "dev");
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  /** A JSON object with a string "message" (or "Message"), no Java in it. */
  private static void assertJsonError(RawHttp.Response r) throws Exception {
    assertThat(r.header("Content-Type")).as("%s", r).startsWith("application/json");
    JsonNode body = AwsCli.JSON.readTree(r.body());
    assertThat(body.isObject()).as("%s", r).isTrue();
    JsonNode message = body.has("message") ? body.get("message") : body.get("Message");
    assertThat(message).as("%s", r).isNotNull();
    assertThat(message.isTextual()).isTrue();
    assertThat(r.bodyText())
        .doesNotContain("\tat ", "dev.turnpike", "io.netty", "Exception:", "java.");
  }

  /** The listener still answers a good request on a new connection. */
  private static void assertDataPlaneStillServes() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/dev/ok", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("fine");
  }

  private static RawHttp.Response signedControlCall(String method, String path, String body)
      throws Exception {
    TurnpikeProcess.Credentials c = turnpike.credentials();
    String host = "localhost:" + turnpike.adminPort();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SigV4Request unsigned =
        new SigV4Request(
            method,
            path,
            "",
            List.of(
                Map.entry("Host", host),
                Map.entry("Content-Type", "application/json"),
                Map.entry("Content-Length", Integer.toString(bytes.length))),
            bytes);
    SigV4Request signed =
        new SigV4Signer(c.accessKeyId(), c.secretAccessKey(), null)
            .sign(unsigned, "us-east-1", "apigateway", Instant.now());
    StringBuilder raw = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
    for (Map.Entry<String, String> h : signed.headers()) {
      raw.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    raw.append("Connection: close\r\n\r\n").append(body);
    return RawHttp.exchange(turnpike.adminPort(), raw.toString());
  }

  @Test
  void controlPlane_signedBodyNotJson_returns400BadRequestJson() throws Exception {
    RawHttp.Response r = signedControlCall("POST", "/restapis", "{\"name\": \"x\",,,");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("BadRequestException");
    assertJsonError(r);
  }

  @Test
  void controlPlane_signedBodyJsonArray_returns400BadRequestJson() throws Exception {
    RawHttp.Response r = signedControlCall("POST", "/restapis", "[1, 2]");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("BadRequestException");
    assertJsonError(r);
  }

  @Test
  void controlPlane_signedMemberOfWrongType_returns400BadRequestJson() throws Exception {
    RawHttp.Response r = signedControlCall("POST", "/restapis", "{\"name\": {\"nested\": true}}");

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("BadRequestException");
    assertJsonError(r);
  }

  @Test
  void controlPlane_signedUnknownOperation_returnsJsonError() throws Exception {
    RawHttp.Response r = signedControlCall("GET", "/no/such/operation", "");

    assertThat(r.status()).isBetween(400, 499);
    assertJsonError(r);
  }

  @Test
  void controlPlane_unsignedBadJson_returns403MissingAuthenticationTokenBeforeParsing()
      throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.adminPort(),
            RawHttp.request(
                "POST",
                "/restapis",
                "localhost:" + turnpike.adminPort(),
                "{{{",
                "Content-Type",
                "application/json",
                "Connection",
                "close"));

    // spec 4.3 row 1: no signature → 403 {"message":"Missing Authentication Token"}
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  void controlPlane_garbageRequestLine_returns400JsonAndKeepsServing() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(turnpike.adminPort(), "\u0001\u0002 garbage \u00ff\r\n\r\n");

    assertThat(r.status()).isEqualTo(400);
    assertJsonError(r);
    RawHttp.Response next =
        RawHttp.exchange(
            turnpike.adminPort(),
            RawHttp.request(
                "GET",
                "/restapis",
                "localhost:" + turnpike.adminPort(),
                null,
                "Connection",
                "close"));
    assertThat(next.status()).isEqualTo(403);
  }

  @Test
  void dataPlane_garbageRequestLine_returns400JsonAndKeepsServing() throws Exception {
    RawHttp.Response r = RawHttp.exchange(turnpike.httpPort(), "THIS IS NOT HTTP AT ALL\r\n\r\n");

    assertThat(r.status()).isEqualTo(400);
    assertJsonError(r);
    assertDataPlaneStillServes();
  }

  @Test
  void dataPlane_binaryGarbage_returns400JsonAndKeepsServing() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      byte[] junk = new byte[512];
      for (int i = 0; i < junk.length; i++) {
        junk[i] = (byte) (i * 31 + 7);
      }
      junk[junk.length - 2] = '\r';
      junk[junk.length - 1] = '\n';
      c.send(junk);
      c.send("\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertJsonError(r);
    }
    assertDataPlaneStillServes();
  }

  @Test
  void dataPlane_invalidContentLength_returns400Json() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(),
            "POST /dev/ok HTTP/1.1\r\nHost: "
                + Invoke.host(apiId, turnpike.httpPort())
                + "\r\nContent-Length: twelve\r\n\r\n");

    assertThat(r.status()).isEqualTo(400);
    assertJsonError(r);
    assertDataPlaneStillServes();
  }

  @Test
  void dataPlane_headersOverTenKilobytes_returns431JsonAndKeepsServing() throws Exception {
    String big = "a".repeat(11 * 1024);
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request(
                "GET", "/dev/ok", Invoke.host(apiId, turnpike.httpPort()), null, "X-Big", big));

    // API Gateway quota: request line and headers 10,240 bytes in all
    assertThat(r.status()).isEqualTo(431);
    assertJsonError(r);
    assertDataPlaneStillServes();
  }

  @Test
  void dataPlane_manyHeadersSummingOverTenKilobytes_returns431Json() throws Exception {
    String[] pairs = new String[2 * 120];
    for (int i = 0; i < 120; i++) {
      pairs[2 * i] = "X-H" + i;
      pairs[2 * i + 1] = "v".repeat(100);
    }
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request(
                "GET", "/dev/ok", Invoke.host(apiId, turnpike.httpPort()), null, pairs));

    assertThat(r.status()).isEqualTo(431);
    assertJsonError(r);
  }

  @Test
  void dataPlane_requestLineOverTenKilobytes_returns414Json() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request(
                "GET",
                "/dev/ok?q=" + "x".repeat(11 * 1024),
                Invoke.host(apiId, turnpike.httpPort()),
                null));

    assertThat(r.status()).isEqualTo(414);
    assertJsonError(r);
    assertDataPlaneStillServes();
  }

  @Test
  void dataPlane_declaredBodyOverTenMegabytes_returns413Json() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(),
            "POST /dev/ok HTTP/1.1\r\nHost: "
                + Invoke.host(apiId, turnpike.httpPort())
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + (TEN_MB + 1)
                + "\r\n\r\n");

    // spec 1.4 REQUEST_TOO_LARGE: payload over 10 MB → 413
    assertThat(r.status()).isEqualTo(413);
    assertJsonError(r);
    assertDataPlaneStillServes();
  }

  @Test
  void dataPlane_chunkedBodyOverTenMegabytes_returns413Json() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(
          "POST /dev/ok HTTP/1.1\r\nHost: "
              + Invoke.host(apiId, turnpike.httpPort())
              + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      byte[] chunk = new byte[1024 * 1024];
      Arrays.fill(chunk, (byte) ' ');
      ByteArrayOutputStream framed = new ByteArrayOutputStream();
      framed.write(("100000\r\n").getBytes(StandardCharsets.US_ASCII));
      framed.write(chunk);
      framed.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] oneMegabyte = framed.toByteArray();
      RawHttp.Response r = null;
      try {
        for (int i = 0; i < 11; i++) {
          c.send(oneMegabyte);
        }
        c.send("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      } catch (java.io.IOException closedWhileSending) {
        // the server may answer and close before the last megabytes are written
      }
      r = c.read();
      assertThat(r.status()).isEqualTo(413);
      assertJsonError(r);
    }
    assertDataPlaneStillServes();
  }

  @Test
  void dataPlane_bodyOfExactlyTenMegabytes_isAccepted() throws Exception {
    byte[] head =
        ("POST /dev/ok HTTP/1.1\r\nHost: "
                + Invoke.host(apiId, turnpike.httpPort())
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + TEN_MB
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[TEN_MB];
    Arrays.fill(body, (byte) ' ');
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(head);
      c.send(body);
      RawHttp.Response r = c.read();
      // API Gateway quota: 10 MB payload is the limit, inclusive
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyText()).isEqualTo("fine");
    }
  }

  @Test
  void dataPlane_badPercentEncodingInPath_answersJsonNotStackTrace() throws Exception {
    RawHttp.Response r = Invoke.hostStyle(turnpike, apiId, "GET", "/dev/ok%zz%", null);

    // no resource matches the literal segment "ok%zz%": C02's routing miss
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    assertJsonError(r);
  }

  @Test
  void dataPlane_http10WithoutHost_answersForbiddenJson() throws Exception {
    RawHttp.Response r = RawHttp.exchange(turnpike.httpPort(), "GET /dev/ok HTTP/1.0\r\n\r\n");

    // no execute-api host and no /restapis/... path: no API is named (spec 1.5)
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
  }
}
