package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Issue 22, "found when tried as an attacker would": exact bytes on raw sockets against a real
 * Turnpike whose HTTP_PROXY backend records every request line byte for byte. Each test names the
 * vector; docs/reliability.md lists them.
 */
class HostileInputIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static RawBackend backend;
  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;
  static String apiId;
  static String rootId;

  @BeforeAll
  static void configure() throws Exception {
    backend = RawBackend.start();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    sdk = Sdk.connect(turnpike);
    var api = sdk.createRestApi(r -> r.name("hostile"));
    apiId = api.id();
    rootId = api.rootResourceId();
    String base = "http://127.0.0.1:" + backend.port();

    String publicTop = resource(rootId, "public");
    String greedy = resource(publicTop, "{proxy+}");
    proxy(
        greedy,
        base + "/public/{proxy}",
        Map.of("integration.request.path.proxy", "method.request.path.proxy"));
    String item = resource(resource(rootId, "item"), "{id}");
    proxy(
        item,
        base + "/items/{id}",
        Map.of("integration.request.path.id", "method.request.path.id"));
    proxy(resource(rootId, "admin"), base + "/admin-backend", Map.of());
    proxy(resource(rootId, "hello"), base + "/hello-backend", Map.of());
    sdk.createDeployment(r -> r.restApiId(apiId).stageName("prod"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private static String resource(String parent, String part) {
    return sdk.createResource(r -> r.restApiId(apiId).parentId(parent).pathPart(part)).id();
  }

  private static void proxy(String resource, String uri, Map<String, String> params) {
    sdk.putMethod(
        r -> r.restApiId(apiId).resourceId(resource).httpMethod("ANY").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY")
                .uri(uri)
                .requestParameters(params.isEmpty() ? null : params));
  }

  private static RawHttp.Response get(String target) throws Exception {
    return getBytes(target.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** {@code GET <target bytes> HTTP/1.1} with the execute-api Host, on a fresh connection. */
  private static RawHttp.Response getBytes(byte[] target) throws Exception {
    byte[] head =
        (" HTTP/1.1\r\nHost: " + Invoke.host(apiId, turnpike.httpPort()) + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[4 + target.length + head.length];
    System.arraycopy("GET ".getBytes(StandardCharsets.US_ASCII), 0, line, 0, 4);
    System.arraycopy(target, 0, line, 4, target.length);
    System.arraycopy(head, 0, line, 4 + target.length, head.length);
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(line);
      return c.read();
    }
  }

  /** No request line the backend ever received holds a dot segment by any reading. */
  private static void assertBackendNeverClimbed() {
    for (byte[] line : backend.requestLines()) {
      String target = new String(line, StandardCharsets.ISO_8859_1).split(" ")[1];
      assertThat(dev.turnpike.routing.RequestTarget.climbs(target))
          .as("backend received %s", target)
          .isFalse();
    }
  }

  // Dot segments: RFC 3986 5.2.4 before routing, so the path that is routed and authorized is
  // the path that is forwarded (AWS's own handling is [UNCONF]; see RequestTarget).

  @Test
  void dotDotSegment_issue22_resolvedBeforeRouting() throws Exception {
    RawHttp.Response r = get("/prod/public/../admin");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("GET /admin-backend ");
    assertBackendNeverClimbed();
  }

  @Test
  void percentEncodedDotSegments_issue22_resolvedLikeLiteralOnes() throws Exception {
    for (String target : new String[] {"/prod/public/%2e%2e/admin", "/prod/public/.%2E/admin"}) {
      RawHttp.Response r = get(target);
      assertThat(r.status()).as("%s → %s", target, r).isEqualTo(200);
      assertThat(r.bodyText()).as(target).startsWith("GET /admin-backend ");
    }
    assertBackendNeverClimbed();
  }

  @Test
  void dotSegmentWithinGreedyPath_issue22_staysUnderThePrefix() throws Exception {
    RawHttp.Response r = get("/prod/public/a/./b/../c");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("GET /public/a/c ");
  }

  @Test
  void dotDotBehindEncodedSlashSemicolonOrBackslash_issue22_neverForwarded() throws Exception {
    int before = backend.requestLines().size();
    for (String target :
        new String[] {
          "/prod/public/..%2fadmin",
          "/prod/public/..%2Fadmin",
          "/prod/public/..;/admin",
          "/prod/public/..\\admin",
          "/prod/public/..%5cadmin",
          "/prod/item/..%2f..%2fadmin",
          "/prod/item/..;"
        }) {
      RawHttp.Response r = get(target);
      // Refused as a path naming no resource of the API is (spec 6.2).
      assertThat(r.status()).as("%s → %s", target, r).isEqualTo(403);
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("MissingAuthenticationTokenException");
    }
    assertThat(backend.requestLines()).hasSize(before);
    assertBackendNeverClimbed();
  }

  // Malformed and unencoded bytes: never a gateway-made 500.

  @Test
  void malformedPercentInQuery_issue22_passedOnEncoded() throws Exception {
    RawHttp.Response r = get("/prod/hello?q=%zz&r=%4");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("GET /hello-backend?q=%25zz&r=%254 ");
  }

  @Test
  void malformedPercentInPath_issue22_passedOnEncoded() throws Exception {
    RawHttp.Response r = get("/prod/public/a%zz");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("GET /public/a%25zz ");
  }

  @Test
  void unencodedUnsafeCharacters_issue22_passedOnEncoded() throws Exception {
    RawHttp.Response r = get("/prod/public/x{y}|^\"<[]?q={a}|^\"<\\[]");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.bodyText())
        .startsWith("GET /public/x%7By%7D%7C%5E%22%3C%5B%5D?q=%7Ba%7D%7C%5E%22%3C%5C%5B%5D ");
  }

  @Test
  void rawUtf8InPath_issue22_reachesBackendEncodedOnce() throws Exception {
    byte[] target = "/prod/public/caf\u00e9".getBytes(StandardCharsets.UTF_8); // é = C3 A9
    RawHttp.Response r = getBytes(target);
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(backend.lastTarget()).isEqualTo("/public/caf%C3%A9");
    // The same request sent encoded arrives the same.
    assertThat(get("/prod/public/caf%C3%A9").bodyText()).startsWith("GET /public/caf%C3%A9 ");
  }

  @Test
  void rawHighBytesNotUtf8_issue22_neverA500() throws Exception {
    RawHttp.Response r =
        getBytes(
            new byte[] {
              '/',
              'p',
              'r',
              'o',
              'd',
              '/',
              'h',
              'e',
              'l',
              'l',
              'o',
              '?',
              'x',
              '=',
              (byte) 0xff,
              (byte) 0x80
            });
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("GET /hello-backend?x=%FF%80 ");
  }

  // RFC 9112 request heads: 400 and the connection closed, nothing forwarded.

  private static void assertRefusedAndClosed(String request) throws Exception {
    int before = backend.requestLines().size();
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(request);
      RawHttp.Response r = c.read();
      assertThat(r.status()).as("%s → %s", request, r).isEqualTo(400);
      assertThat(r.header("x-amzn-ErrorType")).isEqualTo("BadRequestException");
      assertThat(r.bodyText()).isEqualTo("{\"message\":\"Bad Request\"}");
      assertThat(c.closedByPeer(java.time.Duration.ofSeconds(5))).as(request).isTrue();
    }
    assertThat(backend.requestLines()).as(request).hasSize(before);
  }

  private static String host() {
    return "Host: " + Invoke.host(apiId, turnpike.httpPort()) + "\r\n";
  }

  @Test
  void unsupportedHttpVersions_issue22_refusedWith400AndClosed() throws Exception {
    for (String version : new String[] {"HTTP/9.9", "HTTP/2.0", "HTTP/1.2", "http/1.1"}) {
      assertRefusedAndClosed("GET /prod/hello " + version + "\r\n" + host() + "\r\n");
    }
  }

  @Test
  void twoHostHeaders_issue22_refusedWith400AndClosed() throws Exception {
    assertRefusedAndClosed("GET /prod/hello HTTP/1.1\r\n" + host() + "Host: evil.example\r\n\r\n");
  }

  @Test
  void http11WithoutHost_issue22_refusedWith400AndClosed() throws Exception {
    assertRefusedAndClosed("GET /prod/hello HTTP/1.1\r\nAccept: */*\r\n\r\n");
  }

  @Test
  void connectMethod_issue22_refusedWith400AndClosed() throws Exception {
    assertRefusedAndClosed(
        "CONNECT /prod/hello HTTP/1.1\r\n" + host() + "Content-Length: 5\r\n\r\nhello");
  }

  @Test
  void goodHttp10AndHttp11Heads_stillServed() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(turnpike.httpPort(), "GET /prod/hello HTTP/1.0\r\n" + host() + "\r\n");
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    assertThat(get("/prod/hello").status()).isEqualTo(200);
  }

  // Backends that break the protocol.

  @Test
  void backendSendsBodyOnHead_issue22_connectionNotReused() throws Exception {
    String head = "HEAD /prod/hello HTTP/1.1\r\n" + host() + "\r\n";
    String get = "GET /prod/hello HTTP/1.1\r\n" + host() + "\r\n";
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      for (int i = 0; i < 3; i++) {
        // One client connection: its event loop's backend pool serves both requests.
        c.send(head);
        RawHttp.Response h = c.read(true);
        assertThat(h.status()).as("%s", h).isEqualTo(200);
        c.send(get);
        RawHttp.Response g = c.read();
        assertThat(g.status()).as("GET after HEAD: %s", g).isEqualTo(200);
        assertThat(g.bodyText()).startsWith("GET /hello-backend ");
      }
    }
  }

  // 413 past the 10 MB payload quota: AWS's JSON body whichever way the client sends.

  private static final int OVER_LIMIT = 11 * 1024 * 1024;

  private static void assert413(RawHttp.Response r) {
    assertThat(r.status()).as("%s", r).isEqualTo(413);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("RequestTooLargeException");
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Request Too Long\"}");
  }

  @Test
  void expect100ContinueOverLimit_issue22_413CarriesAwsJsonBody() throws Exception {
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(
          "POST /prod/hello HTTP/1.1\r\n"
              + host()
              + "Content-Length: "
              + OVER_LIMIT
              + "\r\nExpect: 100-continue\r\n\r\n");
      assert413(c.read());
    }
  }

  @Test
  void wholeBodyWrittenBeforeReading_issue22_413ReadNotReset() throws Exception {
    byte[] chunk = new byte[64 * 1024];
    java.util.Arrays.fill(chunk, (byte) 'a');
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send(
          "POST /prod/hello HTTP/1.1\r\n" + host() + "Content-Length: " + OVER_LIMIT + "\r\n\r\n");
      for (int sent = 0; sent < OVER_LIMIT; sent += chunk.length) {
        c.send(chunk); // a client that reads only once it has written everything
      }
      assert413(c.read());
    }
  }
}
