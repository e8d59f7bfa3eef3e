package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Issue 22, HTTP/2 to HTTP/1.1 downgrade: requests over h2 (raw frames over TLS, ALPN h2) carrying
 * what HTTP/2 forbids and HTTP/1.1 would read as framing (connection-specific headers, a {@code
 * content-length} that the DATA frames contradict, a CR LF inside a header value) are refused
 * before anything reaches the HTTP_PROXY backend, which records every byte it gets. Nothing is
 * smuggled: the backend never sees a request it was not sent, nor a header split in two.
 */
class Http2DowngradeIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static RecordingBackend backend;
  static TurnpikeProcess turnpike;
  static SSLContext tls;
  static String authority;

  @BeforeAll
  static void start() throws Exception {
    backend = RecordingBackend.start();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    tls = Tls.trusting(turnpike.endpoints().caFile());
    ApiGatewayClient sdk = Sdk.connect(turnpike);
    var api = sdk.createRestApi(r -> r.name("h2-downgrade"));
    String echo =
        sdk.createResource(
                r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("echo"))
            .id();
    sdk.putMethod(
        r -> r.restApiId(api.id()).resourceId(echo).httpMethod("ANY").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(echo)
                .httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY")
                .uri("http://127.0.0.1:" + backend.port() + "/echo"));
    sdk.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    authority = api.id() + ".execute-api.us-east-1.localhost";
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

  private static void frame(
      ByteArrayOutputStream out, int type, int flags, int stream, byte[] payload) {
    out.write(payload.length >>> 16);
    out.write(payload.length >>> 8);
    out.write(payload.length);
    out.write(type);
    out.write(flags);
    out.write(stream >>> 24);
    out.write(stream >>> 16);
    out.write(stream >>> 8);
    out.write(stream);
    out.write(payload, 0, payload.length);
  }

  /** HPACK literal without indexing, new name. */
  private static void literal(ByteArrayOutputStream h, String name, String value) {
    byte[] n = name.getBytes(StandardCharsets.ISO_8859_1);
    byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
    h.write(0x00);
    h.write(n.length);
    h.write(n, 0, n.length);
    h.write(v.length);
    h.write(v, 0, v.length);
  }

  /** HPACK literal without indexing, name from the static table. */
  private static void literalIndexed(ByteArrayOutputStream h, int index, String value) {
    byte[] v = value.getBytes(StandardCharsets.ISO_8859_1);
    h.write(index);
    h.write(v.length);
    h.write(v, 0, v.length);
  }

  /**
   * One h2 connection: POST /prod/echo with the extra header pairs and {@code body} as one DATA
   * frame; returns the status of stream 1 (-1 when it was reset, or the connection ended first).
   */
  private static int post(String body, String... extra) throws Exception {
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), turnpike.httpsPort())) {
      plain.setSoTimeout(3_000);
      SSLSocket s =
          (SSLSocket)
              tls.getSocketFactory().createSocket(plain, authority, turnpike.httpsPort(), true);
      SSLParameters p = s.getSSLParameters();
      p.setApplicationProtocols(new String[] {"h2"});
      s.setSSLParameters(p);
      s.startHandshake();
      assertThat(s.getApplicationProtocol()).isEqualTo("h2");
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      frame(b, 0x4, 0, 0, new byte[0]);
      ByteArrayOutputStream h = new ByteArrayOutputStream();
      h.write(0x83); // :method POST
      h.write(0x87); // :scheme https
      literalIndexed(h, 0x04, "/prod/echo"); // :path
      literalIndexed(h, 0x01, authority); // :authority
      for (int i = 0; i + 1 < extra.length; i += 2) {
        literal(h, extra[i], extra[i + 1]);
      }
      frame(b, 0x1, 0x4, 1, h.toByteArray()); // HEADERS, END_HEADERS
      frame(b, 0x0, 0x1, 1, body.getBytes(StandardCharsets.ISO_8859_1)); // DATA, END_STREAM
      OutputStream out = s.getOutputStream();
      out.write(b.toByteArray());
      out.flush();
      return statusOfStream1(s.getInputStream());
    }
  }

  private static int statusOfStream1(InputStream in) throws IOException {
    try {
      while (true) {
        byte[] head = in.readNBytes(9);
        if (head.length < 9) {
          return -1;
        }
        int length = ((head[0] & 0xff) << 16) | ((head[1] & 0xff) << 8) | (head[2] & 0xff);
        int type = head[3] & 0xff;
        int stream =
            ((head[5] & 0x7f) << 24)
                | ((head[6] & 0xff) << 16)
                | ((head[7] & 0xff) << 8)
                | (head[8] & 0xff);
        byte[] payload = in.readNBytes(length);
        if (stream == 1 && type == 0x3) {
          return -1; // RST_STREAM
        }
        if (type == 0x7) {
          return -1; // GOAWAY
        }
        if (stream == 1 && type == 0x1 && payload.length > 0) {
          int first = payload[0] & 0xff;
          // :status from the static table (8..14) or a literal with indexed name 8
          return switch (first) {
            case 0x88 -> 200;
            case 0x89 -> 204;
            case 0x8c -> 400;
            case 0x8d -> 404;
            case 0x8e -> 500;
            default ->
                Integer.parseInt(
                    new String(payload, 2, payload[1] & 0x7f, StandardCharsets.ISO_8859_1));
          };
        }
      }
    } catch (SocketTimeoutException e) {
      return -1;
    }
  }

  @Test
  void forbiddenOrContradictoryHeaders_issue22_neverReachTheBackend() throws Exception {
    String smuggled = "0\r\n\r\nGET /SMUGGLED HTTP/1.1\r\nHost: x\r\n\r\n";
    Map<String, String[]> vectors = new LinkedHashMap<>();
    vectors.put("transfer-encoding", new String[] {"transfer-encoding", "chunked"});
    vectors.put("connection", new String[] {"connection", "keep-alive"});
    vectors.put("keep-alive", new String[] {"keep-alive", "timeout=5"});
    vectors.put("upgrade", new String[] {"upgrade", "h2c"});
    vectors.put("te other than trailers", new String[] {"te", "chunked"});
    vectors.put("content-length shorter than DATA", new String[] {"content-length", "1"});
    vectors.put("CR LF in a value", new String[] {"x-a", "a\r\nTransfer-Encoding: chunked"});
    vectors.put("upper-case name", new String[] {"X-Upper", "v"});
    Map<String, String> failures = new LinkedHashMap<>();
    for (Map.Entry<String, String[]> v : vectors.entrySet()) {
      String before = backend.received();
      int status = post(smuggled, v.getValue());
      String got = backend.received().substring(before.length());
      if (!got.isEmpty() || (status != -1 && status < 400)) {
        failures.put(v.getKey(), "status " + status + ", backend got: " + got);
      }
    }
    assertThat(failures).as("h2 vectors that reached the backend or were answered").isEmpty();
    // A clean h2 request, with a literal header encoded as the vectors' are, is served and
    // forwarded with its header and body whole (so the refusals above are not encoding errors).
    assertThat(post("hello", "x-ok", "fine")).isEqualTo(200);
    assertThat(backend.received()).contains("x-ok: fine\r\n").endsWith("hello");
  }
}
