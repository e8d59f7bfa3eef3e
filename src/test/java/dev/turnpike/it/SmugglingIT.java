package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Issue 22, HTTP/1.1 framing and request smuggling: each desynchronization vector written as exact
 * bytes on a fresh connection, followed by a second request that would be "smuggled" if the gateway
 * read the first one's framing differently from a front proxy that refused it. What the client gets
 * (one 400, then a closed connection, the second request never answered) and what the backend gets
 * (a {@link RecordingBackend} keeping every byte: nothing of either request) are both asserted.
 * docs/reliability.md lists the vectors.
 */
class SmugglingIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static RecordingBackend backend;
  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;
  static String apiId;
  static String host;

  /** The request every vector carries behind it; its path reaches the backend as /SMUGGLED. */
  static String smuggled() {
    return "GET /prod/smuggled HTTP/1.1\r\nHost: " + host + "\r\n\r\n";
  }

  @BeforeAll
  static void configure() throws Exception {
    backend = RecordingBackend.start();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    sdk = Sdk.connect(turnpike);
    var api = sdk.createRestApi(r -> r.name("smuggling"));
    apiId = api.id();
    host = Invoke.host(apiId, turnpike.httpPort());
    String base = "http://127.0.0.1:" + backend.port();
    String root = api.rootResourceId();
    proxy(resource(root, "echo"), base + "/echo", Map.of());
    proxy(resource(root, "smuggled"), base + "/SMUGGLED", Map.of());
    httpWithHeaderFromQuery(resource(root, "mapped"), base + "/mapped");
    proxy(resource(root, "bad-response"), base + "/bad-response/two-lengths", Map.of());
    proxy(resource(root, "bad-chunked"), base + "/bad-response/cl-te", Map.of());
    mockWithOverride(resource(root, "override"));
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
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod("ANY")
                .authorizationType("NONE")
                .requestParameters(
                    params.isEmpty() ? null : Map.of("method.request.querystring.x", false)));
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

  /** HTTP (not proxy): integration.request.header.X-Mapped from the query's x. */
  private static void httpWithHeaderFromQuery(String resource, String uri) {
    sdk.putMethod(
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod("GET")
                .authorizationType("NONE")
                .requestParameters(Map.of("method.request.querystring.x", false)));
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod("GET")
                .type(IntegrationType.HTTP)
                .integrationHttpMethod("GET")
                .uri(uri)
                .requestParameters(
                    Map.of("integration.request.header.X-Mapped", "method.request.querystring.x")));
    sdk.putMethodResponse(
        r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200"));
    sdk.putIntegrationResponse(
        r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200"));
  }

  /** MOCK whose response template sets a response header from the query string. */
  private static void mockWithOverride(String resource) {
    sdk.putMethod(
        r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod("GET")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    sdk.putMethodResponse(
        r -> r.restApiId(apiId).resourceId(resource).httpMethod("GET").statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(apiId)
                .resourceId(resource)
                .httpMethod("GET")
                .statusCode("200")
                .responseTemplates(
                    Map.of(
                        "application/json",
                        "#set($context.responseOverride.header['X-Echo'] ="
                            + " $input.params('x'))ok")));
  }

  /** What a client saw on one connection: every byte until the server closed, or 5 s passed. */
  record Seen(String text, boolean closed) {
    int responses() {
      Matcher m = Pattern.compile("(?m)^HTTP/1\\.1 \\d{3} ").matcher(text);
      int n = 0;
      while (m.find()) {
        n++;
      }
      return n;
    }

    int firstStatus() {
      return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
    }
  }

  static Seen send(String raw) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), turnpike.httpPort())) {
      s.setSoTimeout(5_000);
      try {
        s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
      } catch (SocketException e) {
        // refused and closed before all bytes were written: what was read still counts
      }
      InputStream in = s.getInputStream();
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      byte[] buf = new byte[4096];
      boolean closed;
      try {
        int n;
        while ((n = in.read(buf)) != -1) {
          b.write(buf, 0, n);
        }
        closed = true;
      } catch (SocketTimeoutException e) {
        closed = false;
      } catch (SocketException e) {
        closed = true; // reset after the answer
      }
      return new Seen(b.toString(StandardCharsets.ISO_8859_1), closed);
    }
  }

  /** The framing vectors: each a request head (and body) that must be refused as a whole. */
  static Map<String, String> vectors() {
    String post = "POST /prod/echo HTTP/1.1\r\nHost: " + host + "\r\n";
    String s = smuggled();
    Map<String, String> v = new LinkedHashMap<>();
    // Content-Length with Transfer-Encoding, either order (CL.TE / TE.CL).
    v.put(
        "CL then TE",
        post + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + s);
    v.put(
        "TE then CL",
        post + "Transfer-Encoding: chunked\r\nContent-Length: 40\r\n\r\n0\r\n\r\n" + s);
    // Content-Length: duplicates and lists that disagree, signs, spaces, overflow, hex.
    v.put("two Content-Lengths", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello" + s);
    v.put("Content-Length list", post + "Content-Length: 5, 6\r\n\r\nhello" + s);
    v.put("Content-Length +5", post + "Content-Length: +5\r\n\r\nhello" + s);
    v.put("Content-Length -5", post + "Content-Length: -5\r\n\r\nhello" + s);
    v.put("Content-Length 5 5", post + "Content-Length: 5 5\r\n\r\nhello" + s);
    v.put("Content-Length 0x5", post + "Content-Length: 0x5\r\n\r\nhello" + s);
    v.put(
        "Content-Length overflow", post + "Content-Length: 18446744073709551621\r\n\r\nhello" + s);
    v.put("Content-Length empty", post + "Content-Length: \r\n\r\nhello" + s);
    // Obfuscated Transfer-Encoding.
    v.put("TE xchunked", post + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + s);
    v.put(
        "TE chunked, identity", post + "Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + s);
    v.put("TE identity", post + "Transfer-Encoding: identity\r\n\r\n" + s);
    v.put("TE gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + s);
    v.put(
        "TE twice",
        post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + s);
    v.put("TE space before colon", post + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n" + s);
    v.put("TE folded", post + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n" + s);
    v.put("TE vertical tab", post + "Transfer-Encoding: \u000bchunked\r\n\r\n0\r\n\r\n" + s);
    v.put(
        "TE on HTTP/1.0",
        "POST /prod/echo HTTP/1.0\r\nHost: "
            + host
            + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
            + s);
    // Chunk sizes.
    v.put("chunk size -5", post + "Transfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n" + s);
    v.put("chunk size +5", post + "Transfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n" + s);
    v.put(
        "chunk size 0x5", post + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n" + s);
    v.put(
        "chunk size overflow",
        post + "Transfer-Encoding: chunked\r\n\r\n10000000000000005\r\nhello\r\n0\r\n\r\n" + s);
    v.put(
        "chunk size with space",
        post + "Transfer-Encoding: chunked\r\n\r\n5 5\r\nhello\r\n0\r\n\r\n" + s);
    v.put(
        "chunk longer than its size",
        post + "Transfer-Encoding: chunked\r\n\r\n3\r\nhello\r\n0\r\n\r\n" + s);
    v.put(
        "chunk size bare LF", post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n" + s);
    v.put(
        "chunk extension bare LF",
        post + "Transfer-Encoding: chunked\r\n\r\n5;a\nb\r\nhello\r\n0\r\n\r\n" + s);
    // Line ends, control characters, names.
    v.put("bare LF head", "GET /prod/echo HTTP/1.1\nHost: " + host + "\n\n" + s);
    v.put("bare LF in one header", post + "X-A: a\nContent-Length: 5\r\n\r\nhello" + s);
    v.put("bare CR in a value", post + "X-A: a\rContent-Length: 5\r\n\r\nhello" + s);
    v.put("NUL in a value", post + "X-A: a\u0000b\r\nContent-Length: 0\r\n\r\n" + s);
    v.put("control char in a name", post + "X\u0001A: b\r\nContent-Length: 0\r\n\r\n" + s);
    v.put("space in a name", post + "X A: b\r\nContent-Length: 0\r\n\r\n" + s);
    v.put("folded header", post + "X-A: a\r\n b\r\nContent-Length: 0\r\n\r\n" + s);
    v.put("space before colon", post + "Content-Length : 5\r\n\r\nhello" + s);
    // Targets and Host.
    v.put(
        "absolute-form, other Host",
        "GET http://elsewhere.example/prod/echo HTTP/1.1\r\nHost: " + host + "\r\n\r\n" + s);
    return v;
  }

  @Test
  void framingVectors_issue22_each400AndClosedAndNothingForwarded() throws Exception {
    Map<String, String> failures = new LinkedHashMap<>();
    for (Map.Entry<String, String> v : vectors().entrySet()) {
      String before = backend.received();
      Seen seen = send(v.getValue());
      String after = backend.received();
      String forwarded = after.substring(before.length());
      boolean ok =
          seen.firstStatus() == 400
              && seen.responses() == 1
              && seen.closed()
              && seen.text().contains("BadRequestException")
              && forwarded.isEmpty();
      if (!ok) {
        failures.put(
            v.getKey(),
            "client saw "
                + seen.responses()
                + " responses, first "
                + seen.firstStatus()
                + (seen.closed() ? ", closed" : ", still open")
                + "; backend got "
                + forwarded.length()
                + " bytes: "
                + forwarded.replace("\r", "\\r").replace("\n", "\\n"));
      }
    }
    assertThat(failures).as("vectors not refused with one 400 and a close").isEmpty();
    assertThat(backend.received()).doesNotContain("GET /SMUGGLED HTTP/1.1\r\nHost");
  }

  @Test
  void pipelinedBehindAnError_issue22_neverServed() throws Exception {
    String bad = "GET /prod/echo HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: -1\r\n\r\n";
    Seen seen = send(bad + smuggled() + smuggled());
    assertThat(seen.responses()).as(seen.text()).isEqualTo(1);
    assertThat(seen.firstStatus()).isEqualTo(400);
    assertThat(seen.closed()).isTrue();
    assertThat(backend.received()).doesNotContain("GET /SMUGGLED HTTP/1.1\r\nHost");
  }

  @Test
  void chunkedRequest_stillServed_andForwardedWithOneContentLength() throws Exception {
    String before = backend.received();
    Seen seen =
        send(
            "POST /prod/echo HTTP/1.1\r\nHost: "
                + host
                + "\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n");
    assertThat(seen.firstStatus()).as(seen.text()).isEqualTo(200);
    assertThat(seen.text()).endsWith("POST /echo HTTP/1.1 11");
    String forwarded = backend.received().substring(before.length());
    assertThat(forwarded).containsIgnoringCase("content-length: 11\r\n").endsWith("hello world");
    assertThat(forwarded.toLowerCase()).doesNotContain("transfer-encoding");
  }

  @Test
  void sameContentLengthTwice_refusedToo() throws Exception {
    // RFC 9110 8.6 lets a recipient take identical values as one; Netty refuses them, and no
    // client sends them, so the stricter answer stays.
    String before = backend.received();
    Seen seen =
        send(
            "POST /prod/echo HTTP/1.1\r\nHost: "
                + host
                + "\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello"
                + smuggled());
    assertThat(seen.firstStatus()).as(seen.text()).isEqualTo(400);
    assertThat(seen.responses()).isEqualTo(1);
    assertThat(backend.received().substring(before.length())).isEmpty();
  }

  @Test
  void absoluteFormWithItsOwnHost_served() throws Exception {
    Seen seen =
        send(
            "GET http://"
                + host
                + "/prod/echo HTTP/1.1\r\nHost: "
                + host
                + "\r\nConnection: close\r\n\r\n");
    assertThat(seen.firstStatus()).as(seen.text()).isEqualTo(200);
    assertThat(seen.text()).endsWith("GET /echo HTTP/1.1 0");
  }

  @Test
  void crLfFromTheQueryIntoABackendHeader_issue22_neverSplitsTheRequest() throws Exception {
    String before = backend.received();
    Seen seen =
        send(
            "GET /prod/mapped?x=a%0d%0aX-Injected:%20yes%0d%0a%0d%0aGET%20/SMUGGLED%20HTTP/1.1"
                + " HTTP/1.1\r\nHost: "
                + host
                + "\r\nConnection: close\r\n\r\n");
    assertThat(seen.firstStatus()).as(seen.text()).isEqualTo(200);
    String forwarded = backend.received().substring(before.length());
    assertThat(forwarded)
        .contains("\r\nX-Mapped: a  X-Injected: yes    GET /SMUGGLED HTTP/1.1\r\n")
        .doesNotContain("\nX-Injected")
        .doesNotContain("\nGET /SMUGGLED");
  }

  @Test
  void crLfFromTheQueryIntoAResponseHeader_issue22_neverSplitsTheResponse() throws Exception {
    Seen seen =
        send(
            "GET /prod/override?x=a%0d%0aSet-Cookie:%20evil=1 HTTP/1.1\r\nHost: "
                + host
                + "\r\nConnection: close\r\n\r\n");
    assertThat(seen.firstStatus()).as(seen.text()).isEqualTo(200);
    assertThat(seen.text()).contains("X-Echo: a  Set-Cookie: evil=1\r\n");
    assertThat(seen.text()).doesNotContain("\nSet-Cookie");
    assertThat(seen.responses()).isEqualTo(1);
  }

  @Test
  void backendWithTwoContentLengths_issue22_doesNotPoisonThePool() throws Exception {
    assertBackendDesyncContained("/prod/bad-response");
  }

  @Test
  void backendWithContentLengthAndChunked_issue22_doesNotPoisonThePool() throws Exception {
    assertBackendDesyncContained("/prod/bad-chunked");
  }

  private static void assertBackendDesyncContained(String path) throws IOException {
    for (int i = 0; i < 3; i++) {
      try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
        c.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        RawHttp.Response bad = c.read();
        assertThat(bad.bodyText()).doesNotContain("FORGED");
        c.send("POST /prod/echo HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 2\r\n\r\nhi");
        RawHttp.Response next = c.read();
        assertThat(next.status()).as("%s", next).isEqualTo(200);
        assertThat(next.bodyText()).isEqualTo("POST /echo HTTP/1.1 2");
      }
    }
  }

  @Test
  void afterEverything_aCleanRequestIsServed() throws Exception {
    Seen seen = send("GET /prod/echo HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    assertThat(seen.firstStatus()).isEqualTo(200);
  }
}
