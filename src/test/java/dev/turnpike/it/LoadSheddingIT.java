package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Issue 22, beyond capacity: with {@code --max-in-flight 2} and a backend that takes 2 s, the third
 * and later concurrent requests are answered at once with 503 {@code {"message":"Service
 * Unavailable"}} instead of waiting; the two under way are served; once they end, the next request
 * is served again (nothing leaked from the count); the control plane answers throughout.
 */
class LoadSheddingIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static HttpServer slow;
  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;
  static String host;

  @BeforeAll
  static void start() throws Exception {
    slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    slow.setExecutor(Executors.newCachedThreadPool());
    slow.createContext(
        "/",
        exchange -> {
          try {
            Thread.sleep(exchange.getRequestURI().getPath().endsWith("slow") ? 2000 : 0);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] body = "done".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    slow.start();
    turnpike = TurnpikeProcess.start(tmp.resolve("data"), "--max-in-flight", "2");
    sdk = Sdk.connect(turnpike);
    var api = sdk.createRestApi(r -> r.name("shedding"));
    String proxy =
        sdk.createResource(
                r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("{p+}"))
            .id();
    sdk.putMethod(
        r -> r.restApiId(api.id()).resourceId(proxy).httpMethod("ANY").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(proxy)
                .httpMethod("ANY")
                .type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY")
                .uri("http://127.0.0.1:" + slow.getAddress().getPort() + "/{p}")
                .requestParameters(
                    java.util.Map.of("integration.request.path.p", "method.request.path.p")));
    sdk.createDeployment(r -> r.restApiId(api.id()).stageName("prod"));
    host = Invoke.host(api.id(), turnpike.httpPort());
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
    if (slow != null) {
      slow.stop(0);
    }
  }

  record Answer(int status, String body, long millis) {}

  private static Answer get(String path) throws Exception {
    long t0 = System.nanoTime();
    try (RawHttp c = RawHttp.connect(turnpike.httpPort())) {
      c.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
      RawHttp.Response r = c.read();
      return new Answer(r.status(), r.bodyText(), (System.nanoTime() - t0) / 1_000_000);
    }
  }

  @Test
  void pastMaxInFlight_issue22_shedAtOnceWith503AndRecovers() throws Exception {
    assertThat(get("/prod/fast").status()).isEqualTo(200);
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Answer>> slowOnes = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        slowOnes.add(pool.submit(() -> get("/prod/slow")));
      }
      Thread.sleep(500); // both under way at the backend
      List<Future<Answer>> more = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        more.add(pool.submit(() -> get("/prod/fast")));
      }
      for (Future<Answer> f : more) {
        Answer a = f.get();
        assertThat(a.status()).as("%s", a).isEqualTo(503);
        assertThat(a.body()).isEqualTo("{\"message\":\"Service Unavailable\"}");
        assertThat(a.millis()).as("shed at once").isLessThan(1000);
      }
      assertThat(sdk.getRestApis().items()).isNotEmpty(); // the control plane answers meanwhile
      for (Future<Answer> f : slowOnes) {
        Answer a = f.get();
        assertThat(a.status()).as("%s", a).isEqualTo(200);
        assertThat(a.body()).isEqualTo("done");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(get("/prod/fast").status()).isEqualTo(200);
    assertThat(get("/prod/fast").status()).isEqualTo(200);
  }
}
