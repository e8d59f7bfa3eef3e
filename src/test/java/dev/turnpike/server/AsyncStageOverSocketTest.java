package dev.turnpike.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.decision.Cause;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import dev.turnpike.pipeline.RequestPath;
import dev.turnpike.pipeline.Stage;
import dev.turnpike.pipeline.Suspension;
import dev.turnpike.snapshot.GatewaySnapshot;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A stage that waits, on a real listener over a real socket (issue 16): the connection's exchange
 * is suspended while the "I/O" runs on another thread, and the reply the client reads comes from
 * the stage after it (proceed), from the stage's refusal, or from its timeout. Pipelined requests
 * keep their order across the wait.
 */
class AsyncStageOverSocketTest {
  static final ScheduledExecutorService IO = Executors.newSingleThreadScheduledExecutor();
  static GatewayServer server;
  static int port;
  static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /**
   * Waits 20 ms off the loop, then does what the {@code x-outcome} header says: proceed, refuse, or
   * never.
   */
  static final Stage WAITING =
      ex -> {
        String outcome = String.valueOf(ex.headers.get("x-outcome"));
        Suspension s =
            ex.suspend(
                1_000,
                e ->
                    GatewayResponses.refuse(
                        e,
                        GatewayResponseType.AUTHORIZER_FAILURE,
                        Cause.OTHER_ERROR,
                        null,
                        "Authorizer timed out",
                        504));
        if (!outcome.equals("never")) {
          IO.schedule(
              () -> {
                if (outcome.equals("refuse")) {
                  s.refuse(
                      GatewayResponses.refuse(
                          ex, GatewayResponseType.UNAUTHORIZED, Cause.OTHER_ERROR, null));
                } else {
                  s.proceed();
                }
              },
              20,
              TimeUnit.MILLISECONDS);
        }
        return Stage.SUSPENDED;
      };

  /** Answers with the path it served and whether it ran on the connection's event loop. */
  static final Stage ANSWER =
      ex ->
          GatewayReply.of(
              200,
              new DefaultHttpHeaders().add("Content-Type", "text/plain"),
              (ex.rawPath + (ex.eventLoop().inEventLoop() ? " on the loop" : " elsewhere"))
                  .getBytes(StandardCharsets.UTF_8));

  @BeforeAll
  static void start() throws Exception {
    server = new GatewayServer(1);
    port =
        server.bindHttp(
            "127.0.0.1",
            0,
            ListenerLimits.apiGatewayDefaults(),
            new RequestPath(List.of(WAITING, ANSWER)),
            GatewaySnapshot::empty);
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(1));
    IO.shutdownNow();
  }

  static HttpResponse<String> get(String path, String outcome) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("x-outcome", outcome)
            .timeout(Duration.ofSeconds(5))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void waitingStageThatProceeds_clientGetsTheNextStagesReply() throws Exception {
    HttpResponse<String> r = get("/a", "proceed");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("/a on the loop");
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  @Test
  void waitingStageThatRefuses_clientGetsTheRefusal() throws Exception {
    HttpResponse<String> r = get("/b", "refuse");
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("UnauthorizedException");
  }

  @Test
  void waitingStageThatNeverSettles_clientGetsTheTimeoutReply() throws Exception {
    HttpResponse<String> r = get("/c", "never");
    assertThat(r.statusCode()).isEqualTo(504);
    assertThat(r.body()).isEqualTo("{\"message\": \"Authorizer timed out\"}");
  }

  @Test
  void pipelinedRequestsAcrossWaits_answeredInOrder() throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      String two =
          "GET /first HTTP/1.1\r\nHost: x\r\nx-outcome: proceed\r\n\r\n"
              + "GET /second HTTP/1.1\r\nHost: x\r\nx-outcome: refuse\r\n\r\n"
              + "GET /third HTTP/1.1\r\nHost: x\r\nx-outcome: proceed\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(two.getBytes(StandardCharsets.US_ASCII));
      String all = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int first = all.indexOf("/first on the loop");
      int second = all.indexOf("{\"message\":\"Unauthorized\"}");
      int third = all.indexOf("/third on the loop");
      assertThat(first).isPositive();
      assertThat(second).isGreaterThan(first);
      assertThat(third).isGreaterThan(second);
    }
  }
}
