package dev.turnpike.integration.http;

import static dev.turnpike.integration.http.ScriptedBackend.readRequest;
import static dev.turnpike.integration.http.ScriptedBackend.write;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpBackendClient} against real backends on loopback sockets. */
class HttpBackendClientTest {
  static {
    LeakRecorder.install();
  }

  private static final int TIMEOUT_MILLIS = 5_000;

  private static EventLoopGroup group;
  private HttpBackendClient client;
  private EventLoop loop;

  @BeforeAll
  static void startLoops() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stopLoops() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    assertThat(LeakRecorder.leaks()).isEmpty();
  }

  @BeforeEach
  void createClient() {
    client = HttpBackendClient.create(group, BackendClientOptions.defaults());
    loop = group.next();
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void send_getWithQuery_roundTripsMethodPathAndQuery() throws Exception {
    try (EchoBackend backend = new EchoBackend()) {
      BackendResponse response = call(get(backend.uri("/pets/7?type=dog&q=a%20b")));

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.headers().get("X-Echo-Method")).isEqualTo("GET");
      assertThat(response.headers().get("X-Echo-Uri")).isEqualTo("/pets/7?type=dog&q=a%20b");
      assertThat(response.body()).isEmpty();
      assertThat(response.latencyNanos()).isPositive();
    }
  }

  @Test
  void send_postWithBody_backendReceivesBodyAndEchoesIt() throws Exception {
    try (EchoBackend backend = new EchoBackend()) {
      byte[] body = "{\"name\":\"rex\"}".getBytes(UTF_8);
      HttpHeaders headers = new DefaultHttpHeaders().set("Content-Type", "application/json");
      BackendResponse response =
          call(new BackendRequest("POST", backend.uri("/pets"), headers, body, TIMEOUT_MILLIS));

      assertThat(response.status()).isEqualTo(200);
      assertThat(new String(response.body(), UTF_8)).isEqualTo("{\"name\":\"rex\"}");
      EchoBackend.Received received = backend.received().get(0);
      assertThat(received.method()).isEqualTo("POST");
      assertThat(received.body()).isEqualTo(body);
      assertThat(received.headers().get("Content-length")).containsExactly("14");
      assertThat(received.headers().get("Content-type")).containsExactly("application/json");
    }
  }

  @Test
  void send_sequentialCalls_reuseOneKeepAliveConnection() throws Exception {
    try (EchoBackend backend = new EchoBackend()) {
      for (int i = 0; i < 10; i++) {
        assertThat(call(get(backend.uri("/n/" + i))).status()).isEqualTo(200);
      }

      assertThat(backend.received()).hasSize(10);
      assertThat(backend.connections()).isEqualTo(1);
    }
  }

  @Test
  void send_concurrentCallsOnTwoLoops_allCompleteWithinConnectionLimit() throws Exception {
    client.close();
    client =
        HttpBackendClient.create(
            group, new BackendClientOptions(4, 1 << 20, Duration.ofSeconds(30), 5_000));
    try (EchoBackend backend = new EchoBackend()) {
      List<CompletableFuture<BackendResponse>> calls = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] body = ("call-" + i).getBytes(UTF_8);
        BackendRequest request =
            new BackendRequest(
                "POST", backend.uri("/c"), new DefaultHttpHeaders(), body, TIMEOUT_MILLIS);
        calls.add(client.send(request, group.next()));
      }

      for (int i = 0; i < 40; i++) {
        BackendResponse response = calls.get(i).get(10, TimeUnit.SECONDS);
        assertThat(new String(response.body(), UTF_8)).isEqualTo("call-" + i);
      }
      assertThat(backend.connections()).isBetween(1, 8); // 4 per loop, 2 loops
    }
  }

  @Test
  void send_fromAnotherThread_completesOnCallerLoop() throws Exception {
    try (EchoBackend backend = new EchoBackend()) {
      // The loop is held until the callback is attached: otherwise a fast answer could complete the
      // future first, and thenApply would run on this thread (a race CI once lost).
      java.util.concurrent.CountDownLatch attached = new java.util.concurrent.CountDownLatch(1);
      loop.execute(
          () -> {
            try {
              attached.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      CompletableFuture<Boolean> onLoop =
          client.send(get(backend.uri("/")), loop).thenApply(response -> loop.inEventLoop());
      attached.countDown();

      assertThat(onLoop.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)).isTrue();
    }
  }

  @Test
  void send_backendSlowerThanTimeout_failsWithTimeoutOnTime() throws Exception {
    // Spec 6.9: an integration over timeoutInMillis becomes 504 "Endpoint request timed out".
    try (EchoBackend backend = new EchoBackend()) {
      BackendRequest request =
          new BackendRequest(
              "GET", backend.uri("/slow"), new DefaultHttpHeaders(), new byte[0], 300);
      long start = System.nanoTime();

      BackendException failure = failure(request);

      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(failure.failure()).isEqualTo(BackendFailure.TIMEOUT);
      assertThat(elapsedMillis).isBetween(280L, 1_500L);
      assertThat(failure.getMessage()).doesNotContain("/slow");
    }
  }

  @Test
  void send_refusedPort_failsWithConnectFailed() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    BackendException failure = failure(get(URI.create("http://127.0.0.1:" + port + "/")));

    assertThat(failure.failure()).isEqualTo(BackendFailure.CONNECT_FAILED);
  }

  @Test
  void send_backendClosesMidResponse_failsWithReset() throws Exception {
    try (ScriptedBackend backend =
        new ScriptedBackend(
            (socket, index) -> {
              readRequest(socket.getInputStream());
              write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
            })) {
      BackendException failure = failure(get(backend.uri("/")));

      assertThat(failure.failure()).isEqualTo(BackendFailure.RESET);
    }
  }

  @Test
  void send_backendClosesWithoutResponse_failsWithReset() throws Exception {
    try (ScriptedBackend backend =
        new ScriptedBackend((socket, index) -> readRequest(socket.getInputStream()))) {
      BackendException failure = failure(get(backend.uri("/")));

      assertThat(failure.failure()).isEqualTo(BackendFailure.RESET);
      assertThat(backend.connections()).isEqualTo(1); // a fresh connection is never retried
    }
  }

  @Test
  void send_notHttp_failsWithInvalidResponse() throws Exception {
    try (ScriptedBackend backend =
        new ScriptedBackend(
            (socket, index) -> {
              readRequest(socket.getInputStream());
              write(socket, "NOT HTTP AT ALL\r\n\r\n");
              readRequest(socket.getInputStream());
            })) {
      BackendException failure = failure(get(backend.uri("/")));

      assertThat(failure.failure()).isEqualTo(BackendFailure.INVALID_RESPONSE);
    }
  }

  @Test
  void send_responseOverMaxResponseBytes_failsWithInvalidResponse() throws Exception {
    client.close();
    client =
        HttpBackendClient.create(
            group, new BackendClientOptions(4, 1024, Duration.ofSeconds(30), 5_000));
    try (ScriptedBackend backend =
        new ScriptedBackend(
            (socket, index) -> {
              readRequest(socket.getInputStream());
              write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2048\r\n\r\n" + "x".repeat(2048));
              readRequest(socket.getInputStream());
            })) {
      BackendException failure = failure(get(backend.uri("/")));

      assertThat(failure.failure()).isEqualTo(BackendFailure.INVALID_RESPONSE);
    }
  }

  @Test
  void send_getOnKeepAliveConnectionClosedByBackend_retriesOnceOnFreshConnection()
      throws Exception {
    try (ScriptedBackend backend =
        new ScriptedBackend(HttpBackendClientTest::closesAfterOneAnswer)) {
      assertThat(call(get(backend.uri("/"))).body()).isEqualTo("one".getBytes(UTF_8));

      BackendResponse second = call(get(backend.uri("/")));

      assertThat(second.body()).isEqualTo("two".getBytes(UTF_8));
      assertThat(backend.connections()).isEqualTo(2);
    }
  }

  @Test
  void send_postOnKeepAliveConnectionClosedByBackend_failsWithResetWithoutResending()
      throws Exception {
    try (ScriptedBackend backend =
        new ScriptedBackend(HttpBackendClientTest::closesAfterOneAnswer)) {
      BackendRequest post =
          new BackendRequest(
              "POST", backend.uri("/"), new DefaultHttpHeaders(), new byte[] {1}, TIMEOUT_MILLIS);
      assertThat(call(post).body()).isEqualTo("one".getBytes(UTF_8));

      BackendException failure = failure(post);

      assertThat(failure.failure()).isEqualTo(BackendFailure.RESET);
      assertThat(backend.connections()).isEqualTo(1);
    }
  }

  @Test
  void send_afterClose_failsWithConnectFailed() throws Exception {
    try (EchoBackend backend = new EchoBackend()) {
      client.close();

      BackendException failure = failure(get(backend.uri("/")));

      assertThat(failure.failure()).isEqualTo(BackendFailure.CONNECT_FAILED);
    }
  }

  @Test
  void send_headResponse_completesWithoutBody() throws Exception {
    try (ScriptedBackend backend =
        new ScriptedBackend(
            (socket, index) -> {
              InputStream in = socket.getInputStream();
              while (readRequest(in) != null) {
                write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n");
              }
            })) {
      BackendRequest head =
          new BackendRequest(
              "HEAD", backend.uri("/"), new DefaultHttpHeaders(), new byte[0], TIMEOUT_MILLIS);

      assertThat(call(head).body()).isEmpty();
      assertThat(call(head).headers().get("Content-Length")).isEqualTo("5");
      // Issue 22: a HEAD response announcing a body may have sent it anyway; its connection is
      // closed rather than reused, so the second HEAD needed a new one.
      assertThat(backend.connections()).isEqualTo(2);
    }
  }

  /** Answers the first request, then closes on the second as a backend whose idle timer fired. */
  private static void closesAfterOneAnswer(Socket socket, int index) throws IOException {
    InputStream in = socket.getInputStream();
    readRequest(in);
    if (index == 0) {
      write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
      readRequest(in);
      return;
    }
    write(socket, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");
    readRequest(in);
  }

  private static BackendRequest get(URI uri) {
    return new BackendRequest("GET", uri, new DefaultHttpHeaders(), new byte[0], TIMEOUT_MILLIS);
  }

  private BackendResponse call(BackendRequest request) throws Exception {
    return client.send(request, loop).get(10, TimeUnit.SECONDS);
  }

  private BackendException failure(BackendRequest request) {
    ExecutionException thrown =
        catchThrowableOfType(
            ExecutionException.class, () -> client.send(request, loop).get(10, TimeUnit.SECONDS));
    assertThat(thrown).isNotNull();
    assertThat(thrown.getCause()).isInstanceOf(BackendException.class);
    return (BackendException) thrown.getCause();
  }
}
