package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The documented three-node setup on one machine (docs/cluster.md): three real nodes on one
 * PostgreSQL database behind nginx running the repository's {@code deploy/nginx/nginx.conf} (its
 * ports rewritten to this test's). The AWS SDK configures an API through nginx's control-plane
 * port; requests through nginx's data-plane port are served by every node; after a {@code kill -9}
 * of one node every request through nginx is still answered 200.
 */
class LoadBalancerIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TestDatabase db;
  static final List<TurnpikeProcess> nodes = new ArrayList<>();
  static Process nginx;
  static int dataPort;
  static int adminPort;
  static String apiId;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    Path keyFile = tmp.resolve("secret.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
    for (String name : List.of("a", "b", "c")) {
      nodes.add(
          TurnpikeProcess.start(
              tmp.resolve(name), "--store", db.uri(), "--secret-key-file", keyFile.toString()));
    }
    dataPort = freePort();
    adminPort = freePort();
    String conf = Files.readString(Path.of("deploy/nginx/nginx.conf"), StandardCharsets.UTF_8);
    conf = conf.replace("listen 127.0.0.1:8000;", "listen 127.0.0.1:" + dataPort + ";");
    conf = conf.replace("listen 127.0.0.1:4500;", "listen 127.0.0.1:" + adminPort + ";");
    for (int i = 0; i < 3; i++) {
      conf =
          conf.replace(
              "127.0.0.1:" + (8080 + i) + " ", "127.0.0.1:" + nodes.get(i).httpPort() + " ");
      conf =
          conf.replace(
              "127.0.0.1:" + (4566 + i) + " ", "127.0.0.1:" + nodes.get(i).adminPort() + " ");
    }
    Path prefix = tmp.resolve("nginx");
    Files.createDirectories(prefix.resolve("tmp"));
    Path confFile = prefix.resolve("nginx.conf");
    Files.writeString(confFile, conf, StandardCharsets.UTF_8);
    nginx =
        new ProcessBuilder(
                nginxBinary(),
                "-p",
                prefix.toString(),
                "-c",
                confFile.toString(),
                "-g",
                "daemon off;")
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("nginx.out").toFile())
            .start();
    awaitListening(dataPort);
    awaitListening(adminPort);
    try (ApiGatewayClient sdk = throughNginx()) {
      apiId = ClusterIT.mockApi(sdk, "balanced");
      sdk.createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "lb")));
    }
    Thread.sleep(1500); // every node serves an acknowledged write within one second
  }

  static String nginxBinary() {
    for (String p : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx")) {
      if (Files.isExecutable(Path.of(p))) {
        return p;
      }
    }
    return "nginx"; // .ci/install-deps installs it
  }

  @AfterAll
  static void stop() throws Exception {
    if (nginx != null) {
      nginx.destroy();
      if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
        nginx.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    for (TurnpikeProcess n : nodes) {
      n.close();
    }
    if (db != null) {
      db.close();
    }
  }

  static ApiGatewayClient throughNginx() throws IOException {
    TurnpikeProcess.Credentials c = nodes.get(0).credentials();
    return ApiGatewayClient.builder()
        .endpointOverride(URI.create("http://localhost:" + adminPort))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey())))
        .httpClient(Apache5HttpClient.create())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  static RawHttp.Response viaNginx() throws IOException {
    return RawHttp.exchange(
        dataPort, RawHttp.request("GET", "/live/thing", Invoke.host(apiId, dataPort), null));
  }

  @Test
  void throughNginx_everyNodeServes_andAKilledNodeCostsNoRequest() throws Exception {
    List<Long> before = new ArrayList<>();
    for (TurnpikeProcess n : nodes) {
      before.add(accessLines(n));
    }
    for (int i = 0; i < 30; i++) {
      RawHttp.Response r = viaNginx();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyText()).isEqualTo("{\"v\": \"lb\"}");
    }
    Thread.sleep(500); // access log lines are written after the response
    for (int i = 0; i < nodes.size(); i++) {
      assertThat(accessLines(nodes.get(i)) - before.get(i))
          .as("requests node %d served", i)
          .isPositive();
    }

    nodes.get(1).kill();
    int ok = 0;
    for (int i = 0; i < 30; i++) {
      if (viaNginx().status() == 200) {
        ok++;
      }
    }
    assertThat(ok).as("requests answered 200 after node b was killed").isEqualTo(30);
    // and the control plane through nginx still writes
    try (ApiGatewayClient sdk = throughNginx()) {
      assertThat(sdk.getRestApi(r -> r.restApiId(apiId)).name()).isEqualTo("balanced");
    }
  }

  static long accessLines(TurnpikeProcess node) throws IOException {
    Path log = node.dataDir().resolve("logs").resolve("access.log");
    if (!Files.exists(log)) {
      return 0;
    }
    try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
      return lines.filter(l -> l.contains(apiId)).count();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void awaitListening(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("nginx did not listen on " + port);
  }
}
