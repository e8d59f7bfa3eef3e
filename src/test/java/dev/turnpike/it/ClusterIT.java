package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.store.TestDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
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
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;

/**
 * Two real {@code turnpike serve} nodes on one PostgreSQL database (issue 21): what the SDK writes
 * through node A is served by node B within one second (measured), a {@code kill -9} of a node
 * loses no acknowledged write, and the CLI's {@code account create}, {@code explain} and {@code
 * doctor} work against the cluster.
 */
class ClusterIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TestDatabase db;
  static Path keyFile;
  static TurnpikeProcess nodeA;
  static TurnpikeProcess nodeB;
  static ApiGatewayClient viaA;
  static ApiGatewayClient viaB;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.create();
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    keyFile = tmp.resolve("secret.key");
    Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
    // The first node alone creates the default account; the second finds it.
    nodeA = node("a");
    nodeB = node("b");
    viaA = Sdk.connect(nodeA);
    viaB = Sdk.connect(nodeB);
  }

  static TurnpikeProcess node(String name) throws Exception {
    return TurnpikeProcess.start(
        tmp.resolve(name), "--store", db.uri(), "--secret-key-file", keyFile.toString());
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {viaA, viaB, nodeA, nodeB}) {
      if (c != null) {
        c.close();
      }
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void bothNodes_shareTheDefaultAccountAndItsAdministratorKey() throws Exception {
    assertThat(nodeB.endpoints().accountId()).isEqualTo(nodeA.endpoints().accountId());
    assertThat(nodeB.credentials()).isEqualTo(nodeA.credentials());
  }

  @Test
  void bothNodes_oneLocalCa_keySealedInTheStore_bServesHttpsTrustedByAsCaPem() throws Exception {
    String caA = Files.readString(nodeA.endpoints().caFile());
    assertThat(Files.readString(nodeB.endpoints().caFile())).isEqualTo(caA);
    String keyA = Files.readString(nodeA.dataDir().resolve("ca-key.pem"));
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT body FROM documents WHERE kind='local-ca'")) {
      assertThat(rs.next()).isTrue();
      String body = rs.getString(1);
      assertThat(body).startsWith("tp-sealed:v1:");
      String keyLine = keyA.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
      assertThat(body).doesNotContain(keyLine.substring(0, 20));
    }
    String apiId = mockApi(viaA, "tls");
    viaA.createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "t")));
    waitServed(nodeB, apiId, "{\"v\": \"t\"}", System.nanoTime());
    String host = apiId + ".execute-api.us-east-1.localhost";
    try (RawHttp tls =
        RawHttp.connectTls(nodeB.httpsPort(), Tls.trusting(nodeA.endpoints().caFile()), host)) {
      tls.send(RawHttp.request("GET", "/live/thing", host, null));
      assertThat(tls.read().status()).isEqualTo(200);
    }
  }

  @Test
  void deployThroughA_servedByBWithinOneSecond_andStageChangeToo() throws Exception {
    String apiId = mockApi(viaA, "propagation");
    viaA.createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "one")));
    long deployed = System.nanoTime();
    long firstMillis = waitServed(nodeB, apiId, "{\"v\": \"one\"}", deployed);

    viaA.updateStage(
        r ->
            r.restApiId(apiId)
                .stageName("live")
                .patchOperations(o -> o.op(Op.REPLACE).path("/variables/v").value("two")));
    long patched = System.nanoTime();
    long secondMillis = waitServed(nodeB, apiId, "{\"v\": \"two\"}", patched);

    System.out.println(
        "ClusterIT: write via A served by B after "
            + firstMillis
            + " ms (deployment), "
            + secondMillis
            + " ms (stage variable)");
    assertThat(firstMillis).isLessThan(1000);
    assertThat(secondMillis).isLessThan(1000);
  }

  @Test
  void killDashNineOfA_rightAfterAcknowledgedWrite_writeKeptAndBKeepsServing() throws Exception {
    String apiId = mockApi(viaA, "survivor");
    viaA.createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "k")));
    var last = viaA.createRestApi(r -> r.name("acknowledged-then-killed"));
    long acknowledged = System.nanoTime();
    nodeA.kill();
    try {
      assertThat(viaB.getRestApi(r -> r.restApiId(last.id())).name())
          .isEqualTo("acknowledged-then-killed");
      // B serves the deployment A acknowledged before it died, within the promised second
      assertThat(waitServed(nodeB, apiId, "{\"v\": \"k\"}", acknowledged)).isLessThan(1000);
      // B accepts writes while A is down
      viaB.updateRestApi(
          r ->
              r.restApiId(last.id())
                  .patchOperations(o -> o.op(Op.REPLACE).path("/description").value("by B")));
    } finally {
      nodeA.restart();
    }
    try (ApiGatewayClient again = Sdk.connect(nodeA)) {
      var seen = again.getRestApi(r -> r.restApiId(last.id()));
      assertThat(seen.name()).isEqualTo("acknowledged-then-killed");
      assertThat(seen.description()).isEqualTo("by B");
    }
    viaA.close();
    viaA = Sdk.connect(nodeA);
  }

  @Test
  void accountCreateAgainstTheStore_newAdministratorSignsOnEitherNode() throws Exception {
    Path cliDir = tmp.resolve("cli");
    ExplainIT.Run run =
        ExplainIT.turnpikeCli(
            "account",
            "create",
            "--store",
            db.uri(),
            "--secret-key-file",
            keyFile.toString(),
            "--data-dir",
            cliDir.toString(),
            "--name",
            "team-b");
    assertThat(run.exit()).as(run.err()).isZero();
    String accountId = run.out().trim();
    assertThat(accountId).matches("\\d{12}").isNotEqualTo(nodeA.endpoints().accountId());
    String credentials = Files.readString(cliDir.resolve("credentials"));
    assertThat(credentials).contains("[team-b]");
    String keyId = value(credentials, "team-b", "aws_access_key_id");
    String secret = value(credentials, "team-b", "aws_secret_access_key");
    for (TurnpikeProcess node : List.of(nodeA, nodeB)) {
      try (ApiGatewayClient teamB = client(node, keyId, secret)) {
        var api = teamB.createRestApi(r -> r.name("team-b-api-" + node.adminPort()));
        assertThat(api.id()).isNotBlank();
      }
    }
    // The secret is stored encrypted: no row of the database contains it.
    try (Connection c = db.connect();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM documents WHERE body LIKE '%"
                    + secret.substring(0, 16)
                    + "%'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void explainOnNodeA_ofARequestNodeBServed_answersBsRecordAndNamesB() throws Exception {
    String apiId = mockApi(viaA, "explained-across");
    viaA.createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "y")));
    waitServed(nodeB, apiId, "{\"v\": \"y\"}", System.nanoTime());
    RawHttp.Response served = Invoke.hostStyle(nodeB, apiId, "GET", "/live/elsewhere", null);
    assertThat(served.status()).isEqualTo(403);
    String requestId = served.header("x-amzn-RequestId");
    ExplainIT.Run explain =
        ExplainIT.turnpikeCli("explain", requestId, "--data-dir", nodeA.dataDir().toString());
    assertThat(explain.exit()).as(explain.err()).isZero();
    assertThat(explain.out()).contains(requestId).contains("/live/elsewhere");
    assertThat(explain.err())
        .contains("served by another node of the cluster, http://127.0.0.1:" + nodeB.adminPort());
    ExplainIT.Run unknown =
        ExplainIT.turnpikeCli(
            "explain",
            "00000000-0000-0000-0000-000000000000",
            "--data-dir",
            nodeA.dataDir().toString());
    assertThat(unknown.exit()).isEqualTo(1);
  }

  @Test
  void explainAndDoctor_onNodeB_forWhatAWrote() throws Exception {
    String apiId = mockApi(viaA, "explained");
    viaA.createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "x")));
    waitServed(nodeB, apiId, "{\"v\": \"x\"}", System.nanoTime());
    RawHttp.Response served = Invoke.hostStyle(nodeB, apiId, "GET", "/live/nothing", null);
    assertThat(served.status()).isEqualTo(403);
    String requestId = served.header("x-amzn-RequestId");
    ExplainIT.Run explain =
        ExplainIT.turnpikeCli("explain", requestId, "--data-dir", nodeB.dataDir().toString());
    assertThat(explain.exit()).as(explain.err()).isZero();
    assertThat(explain.out()).contains(requestId).contains("/live/nothing");
    ExplainIT.Run doctor =
        ExplainIT.turnpikeCli(
            "doctor",
            "limits",
            "--api",
            apiId,
            "--stage",
            "live",
            "--data-dir",
            nodeB.dataDir().toString());
    assertThat(doctor.exit()).as(doctor.err()).isIn(0, 1);
    assertThat(doctor.out()).contains("/thing");
  }

  @Test
  void postgresUnreachableFromC_controlPlane503_dataPlaneServes_thenRecoversWithoutRestart()
      throws Exception {
    String apiId = mockApi(viaA, "outage");
    viaA.createDeployment(r -> r.restApiId(apiId).stageName("live").variables(Map.of("v", "o")));
    try (TcpProxy proxy = new TcpProxy("localhost", 5432)) {
      String viaProxy = db.uri().replace("@localhost:5432/", "@127.0.0.1:" + proxy.port() + "/");
      TurnpikeProcess nodeC =
          TurnpikeProcess.start(
              tmp.resolve("c"), "--store", viaProxy, "--secret-key-file", keyFile.toString());
      try (ApiGatewayClient viaC = Sdk.connect(nodeC)) {
        waitServed(nodeC, apiId, "{\"v\": \"o\"}", System.nanoTime());
        proxy.cut();
        var refused =
            org.assertj.core.api.Assertions.catchThrowableOfType(
                software.amazon.awssdk.services.apigateway.model.ApiGatewayException.class,
                () -> viaC.createRestApi(r -> r.name("during-outage")));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailableException");
        // the data plane serves its last snapshot
        assertThat(Invoke.hostStyle(nodeC, apiId, "GET", "/live/thing", null).bodyText())
            .isEqualTo("{\"v\": \"o\"}");
        assertThat(health(nodeC, "ready")).isEqualTo(503);
        assertThat(health(nodeC, "live")).isEqualTo(200);

        proxy.restore();
        var after = viaC.createRestApi(r -> r.name("after-outage"));
        assertThat(viaA.getRestApi(r -> r.restApiId(after.id())).name()).isEqualTo("after-outage");
        assertThat(health(nodeC, "ready")).isEqualTo(200);
      } finally {
        nodeC.close();
      }
    }
  }

  @Test
  void storeRotateKey_reencryptsUnderTheNewKey_oldKeyAloneIsRefusedWithoutAStackTrace()
      throws Exception {
    try (TestDatabase own = TestDatabase.create()) {
      Path oldKey = tmp.resolve("old.key");
      Path newKey = tmp.resolve("new.key");
      Path both = tmp.resolve("rotate.key");
      String o = newKeyText();
      String n = newKeyText();
      Files.writeString(oldKey, o + "\n");
      Files.writeString(newKey, n + "\n");
      Files.writeString(both, n + "\n" + o + "\n");
      Path dir = tmp.resolve("rotation");
      ExplainIT.Run created = accountCreate(own, oldKey, dir, "before-rotation");
      assertThat(created.exit()).as(created.err()).isZero();

      ExplainIT.Run rotated =
          ExplainIT.turnpikeCli(
              "store", "rotate-key", "--store", own.uri(), "--secret-key-file", both.toString());
      assertThat(rotated.exit()).as(rotated.err()).isZero();
      assertThat(rotated.out()).contains("1 secret document(s) re-encrypted under key");
      ExplainIT.Run again =
          ExplainIT.turnpikeCli(
              "store", "rotate-key", "--store", own.uri(), "--secret-key-file", both.toString());
      assertThat(again.out()).contains("0 secret document(s)");

      ExplainIT.Run withOld = accountCreate(own, oldKey, dir, "old-key-only");
      assertThat(withOld.exit()).isEqualTo(1);
      assertThat(withOld.err())
          .contains("does not hold: give every node the cluster's --secret-key-file")
          .doesNotContain("\tat ")
          .doesNotContain(o);
      assertThat(accountCreate(own, newKey, dir, "new-key-only").exit()).isZero();
    }
  }

  static ExplainIT.Run accountCreate(TestDatabase store, Path key, Path dir, String name)
      throws Exception {
    return ExplainIT.turnpikeCli(
        "account",
        "create",
        "--store",
        store.uri(),
        "--secret-key-file",
        key.toString(),
        "--data-dir",
        dir.toString(),
        "--name",
        name);
  }

  static String newKeyText() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  static int health(TurnpikeProcess node, String which) throws Exception {
    return java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(
                        "http://127.0.0.1:" + node.adminPort() + "/_turnpike/health/" + which))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void serve_sharedStoreWithoutKey_refusesAndSaysWhy() throws Exception {
    ExplainIT.Run run =
        ExplainIT.turnpikeCli(
            "serve",
            "--store",
            db.uri(),
            "--data-dir",
            tmp.resolve("nokey").toString(),
            "--http-port",
            "0",
            "--https-port",
            "0",
            "--admin-port",
            "0");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("--secret-key-file")
        .contains("TURNPIKE_SECRET_KEY")
        .contains("openssl rand -base64 32");
  }

  /** A REST API with GET /thing (MOCK) answering {"v": "$stageVariables.v"}; not deployed. */
  static String mockApi(ApiGatewayClient sdk, String name) {
    var api = sdk.createRestApi(r -> r.name(name));
    String thing =
        sdk.createResource(
                r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("thing"))
            .id();
    sdk.putMethod(
        r -> r.restApiId(api.id()).resourceId(thing).httpMethod("GET").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(thing)
                .httpMethod("GET")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    sdk.putMethodResponse(
        r -> r.restApiId(api.id()).resourceId(thing).httpMethod("GET").statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(api.id())
                .resourceId(thing)
                .httpMethod("GET")
                .statusCode("200")
                .responseTemplates(Map.of("application/json", "{\"v\": \"$stageVariables.v\"}")));
    return api.id();
  }

  /** Polls the node every 5 ms until it serves {@code body}; the milliseconds since {@code t0}. */
  static long waitServed(TurnpikeProcess node, String apiId, String body, long t0)
      throws IOException, InterruptedException {
    long deadline = t0 + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      RawHttp.Response r = Invoke.hostStyle(node, apiId, "GET", "/live/thing", null);
      if (r.status() == 200 && r.bodyText().equals(body)) {
        return (System.nanoTime() - t0) / 1_000_000;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("node on " + node.httpPort() + " did not serve " + body + " in 5 s");
  }

  static ApiGatewayClient client(TurnpikeProcess node, String keyId, String secret) {
    return ApiGatewayClient.builder()
        .endpointOverride(URI.create("http://localhost:" + node.adminPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret)))
        .httpClient(Apache5HttpClient.create())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  static String value(String credentials, String profile, String name) {
    boolean in = false;
    for (String line : credentials.split("\n")) {
      String t = line.trim();
      if (t.startsWith("[")) {
        in = t.equals("[" + profile + "]");
      } else if (in && t.startsWith(name)) {
        return t.substring(t.indexOf('=') + 1).trim();
      }
    }
    throw new AssertionError("no " + name + " in [" + profile + "]");
  }
}
