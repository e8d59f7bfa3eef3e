package dev.turnpike.integration.http;

import static dev.turnpike.integration.http.ScriptedBackend.readRequest;
import static dev.turnpike.integration.http.ScriptedBackend.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The header rules of spec 6.7 as a real backend sees them through {@link HttpBackendClient}. */
class HttpBackendClientHeadersTest {
  static {
    LeakRecorder.install();
  }

  private static final String API = "a1b2c3d4e5";
  private static final String TRACE = "Root=1-5e1b4151-5ac6c58f3b2b2d0d2d0e1f00";

  private static EventLoopGroup group;
  private static HttpBackendClient client;

  @BeforeAll
  static void start() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    client = HttpBackendClient.create(group, BackendClientOptions.defaults());
  }

  @AfterAll
  static void stop() {
    client.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(LeakRecorder.leaks()).isEmpty();
  }

  @Test
  void send_httpIntegrationWithoutMappings_backendSeesOnlyGatewayHeaders() throws Exception {
    // Spec C34 [REC LS test_apigateway_header_remapping_http[HTTP], no-param-integration].
    try (EchoBackend backend = new EchoBackend()) {
      URI uri = backend.uri("/echo");
      HttpHeaders headers = IntegrationHeaders.forHttpRequest(API, TRACE, uri, 0);

      client
          .send(new BackendRequest("GET", uri, headers, new byte[0], 5_000))
          .get(5, TimeUnit.SECONDS);

      EchoBackend.Received received = backend.received().get(0);
      Set<String> names =
          received.headers().keySet().stream()
              .map(name -> name.toLowerCase(Locale.ROOT))
              .collect(Collectors.toSet());
      assertThat(names)
          .containsExactlyInAnyOrder(
              "accept",
              "content-length",
              "host",
              "user-agent",
              "x-amzn-apigateway-api-id",
              "x-amzn-trace-id");
      assertThat(received.headers().get("User-agent")).containsExactly("AmazonAPIGateway_" + API);
      assertThat(received.headers().get("Content-length")).containsExactly("0");
      assertThat(received.headers().get("Host")).containsExactly("127.0.0.1:" + uri.getPort());
    }
  }

  @Test
  void send_proxyIntegration_backendSeesClientHeadersWithoutDroppedOnes() throws Exception {
    // Spec 6.7: hop-by-hop and SigV4 Authorization dropped, gateway headers added.
    try (EchoBackend backend = new EchoBackend()) {
      URI uri = backend.uri("/echo");
      HttpHeaders fromClient =
          new DefaultHttpHeaders()
              .add("Connection", "close")
              .add(
                  "Authorization", "AWS4-HMAC-SHA256 Credential=x, SignedHeaders=host, Signature=y")
              .add("X-Custom", "kept")
              .add("Host", "a1b2c3d4e5.execute-api.us-east-1.amazonaws.com");
      HttpHeaders headers = IntegrationHeaders.forProxyRequest(fromClient, API, TRACE, uri);

      client
          .send(new BackendRequest("POST", uri, headers, "hi".getBytes(UTF_8), 5_000))
          .get(5, TimeUnit.SECONDS);

      EchoBackend.Received received = backend.received().get(0);
      assertThat(received.headers()).doesNotContainKeys("Authorization", "Connection");
      assertThat(received.headers().get("X-custom")).containsExactly("kept");
      assertThat(received.headers().get("X-amzn-apigateway-api-id")).containsExactly(API);
      assertThat(received.headers().get("X-amzn-trace-id")).containsExactly(TRACE);
      assertThat(received.headers().get("Host")).containsExactly("127.0.0.1:" + uri.getPort());
      assertThat(received.headers().get("Content-length")).containsExactly("2");
    }
  }

  @Test
  void send_proxyBackendSetsGatewayOwnedHeaders_clientSeesThemRemapped() throws Exception {
    // Spec C35 and C37 [REC LS test_apigateway_header_remapping_http[HTTP_PROXY],
    // test_http_proxy_integration_request_data_mappings].
    try (ScriptedBackend backend =
        new ScriptedBackend(
            (socket, index) -> {
              readRequest(socket.getInputStream());
              write(
                  socket,
                  "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n"
                      + "Date: Wed, 25 Nov 2026 10:00:00 GMT\r\nServer: test-backend\r\n"
                      + "x-amzn-requestid: backend-id\r\nContent-Type: text/plain\r\n\r\nok");
              readRequest(socket.getInputStream());
            })) {
      BackendResponse response =
          client
              .send(
                  new BackendRequest(
                      "GET", backend.uri("/"), new DefaultHttpHeaders(), new byte[0], 5_000))
              .get(5, TimeUnit.SECONDS);

      HttpHeaders toClient = IntegrationHeaders.forClientResponse(response.headers());

      assertThat(toClient.names())
          .containsExactlyInAnyOrder(
              "x-amzn-Remapped-Connection",
              "x-amzn-Remapped-Content-Length",
              "x-amzn-Remapped-Date",
              "x-amzn-Remapped-Server",
              "x-amzn-Remapped-x-amzn-requestid",
              "Content-Type");
      assertThat(toClient.get("x-amzn-Remapped-Server")).isEqualTo("test-backend");
      assertThat(response.body()).isEqualTo("ok".getBytes(UTF_8));
    }
  }
}
