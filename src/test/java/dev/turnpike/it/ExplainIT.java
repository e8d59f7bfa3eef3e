package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import dev.turnpike.testkit.RestApiFixture;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;

/**
 * Requests refused for different reasons, each explained by {@code turnpike explain <request-id>}
 * run as a real subprocess (through the running server's admin API, then from the spilled files
 * after the server stopped), naming the right knowledge-base article; no secret in any record. Also
 * {@code turnpike kb search|show}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplainIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static EchoBackend backend;
  static String apiId;
  static Path dataDir;
  static final List<String> secrets = new ArrayList<>();
  static final Map<String, String> explained = new java.util.LinkedHashMap<>();

  @BeforeAll
  static void configure() throws Exception {
    dataDir = tmp.resolve("data");
    turnpike = TurnpikeProcess.start(dataDir);
    backend = EchoBackend.start();
    // The API is a fixture, built through the SDK: the subject is what explain says about its
    // requests.
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      RestApiFixture api =
          RestApiFixture.create(sdk, "explained")
              .mock("GET", "/open", "NONE", false, "ok")
              .mock("GET", "/keyed", "NONE", true, "ok")
              .mock("GET", "/iam", "AWS_IAM", false, "ok");
      apiId = api.id();
      String slow = api.resource("/slow");
      sdk.putMethod(
          r -> r.restApiId(apiId).resourceId(slow).httpMethod("GET").authorizationType("NONE"));
      sdk.putIntegration(
          r ->
              r.restApiId(apiId)
                  .resourceId(slow)
                  .httpMethod("GET")
                  .type(IntegrationType.HTTP_PROXY)
                  .integrationHttpMethod("GET")
                  .uri(backend.url("/sleep/2000"))
                  .timeoutInMillis(200));
      api.deploy("dev");
      sdk.updateStage(
          r ->
              r.restApiId(apiId)
                  .stageName("dev")
                  .patchOperations(
                      PatchOperation.builder()
                          .op(Op.REPLACE)
                          .path("/~1open/GET/throttling/rateLimit")
                          .value("1")
                          .build(),
                      PatchOperation.builder()
                          .op(Op.REPLACE)
                          .path("/~1open/GET/throttling/burstLimit")
                          .value("1")
                          .build()));
    }
    secrets.add(turnpike.credentials().secretAccessKey());
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  record Run(int exit, String out, String err) {}

  static Run turnpikeCli(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                TurnpikeProcess.jar().toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).start();
    CompletableFuture<String> out = read(p.getInputStream());
    CompletableFuture<String> err = read(p.getErrorStream());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), out.get(), err.get());
  }

  private static CompletableFuture<String> read(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
          } catch (java.io.IOException e) {
            return e.toString();
          }
        });
  }

  /** Runs {@code explain} for the response's request id and checks the story names the article. */
  private static String explain(RawHttp.Response r, String article, String... mentions)
      throws Exception {
    String id = r.header("x-amzn-RequestId");
    assertThat(id).isNotNull();
    Run run = turnpikeCli("explain", id, "--data-dir", dataDir.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Request " + id)
        .contains("status " + r.status())
        .contains("turnpike kb show " + article)
        .contains(mentions);
    explained.put(id, article);
    return run.out();
  }

  private static RawHttp.Response get(String path, String... headers) throws Exception {
    return Invoke.hostStyle(turnpike, apiId, "GET", path, null, headers);
  }

  @Test
  @Order(1)
  void missingTokenOnAWrongPath() throws Exception {
    RawHttp.Response r = get("/dev/nope");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
    explain(
        r,
        "missing-authentication-token",
        "no resource and method match",
        "API: " + apiId,
        "stage: dev");
  }

  @Test
  @Order(2)
  void unknownStage() throws Exception {
    RawHttp.Response r = get("/prod/open");
    assertThat(r.status()).isEqualTo(403);
    explain(r, "unknown-stage-403", "the API has no stage of this name");
  }

  @Test
  @Order(3)
  void apiKeyNotAccepted() throws Exception {
    String key = "k" + "0123456789abcdefghij0123456789abcdefXYZ".substring(0, 39);
    secrets.add(key);
    RawHttp.Response r = get("/dev/keyed", "x-api-key", key);
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    explain(
        r,
        "api-key-403",
        "the API key sent is not a key of this account",
        "API key: " + "*".repeat(key.length() - 6) + key.substring(key.length() - 6));
  }

  @Test
  @Order(4)
  void stageThrottle() throws Exception {
    RawHttp.Response throttled = null;
    for (int i = 0; i < 20 && throttled == null; i++) {
      RawHttp.Response r = get("/dev/open");
      if (r.status() == 429) {
        throttled = r;
      }
    }
    assertThat(throttled).isNotNull();
    assertThat(throttled.bodyText()).isEqualTo("{\"message\":\"Too Many Requests\"}");
    explain(
        throttled,
        "throttling-429",
        "the stage's method throttle is exhausted",
        "rate 1.00 requests/s, burst 1");
  }

  @Test
  @Order(5)
  void signatureMismatchShowsTheCanonicalRequestButNoSecret() throws Exception {
    String host = Invoke.host(apiId, turnpike.httpPort());
    String wrong = "WRONG" + turnpike.credentials().secretAccessKey().substring(5);
    secrets.add(wrong);
    SigV4Request signed =
        new SigV4Signer(turnpike.credentials().accessKeyId(), wrong, null)
            .sign(
                new SigV4Request(
                    "GET",
                    "/dev/iam",
                    "",
                    new ArrayList<>(List.of(Map.entry("Host", host))),
                    new byte[0]),
                "us-east-1",
                "execute-api",
                Instant.now());
    List<String> headers = new ArrayList<>();
    for (Map.Entry<String, String> h : signed.headers()) {
      if (!h.getKey().equalsIgnoreCase("Host")) {
        headers.add(h.getKey());
        headers.add(h.getValue());
      }
    }
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(),
            RawHttp.request("GET", "/dev/iam", host, null, headers.toArray(String[]::new)));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.header("x-amzn-ErrorType")).isEqualTo("InvalidSignatureException");
    explain(
        r,
        "signature-mismatch",
        "InvalidSignatureException",
        "The Canonical String for this request should",
        "    /dev/iam",
        "execute-api/aws4_request");
  }

  @Test
  @Order(6)
  void integrationTimeout() throws Exception {
    RawHttp.Response r = get("/dev/slow");
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.bodyText()).isEqualTo("{\"message\": \"Endpoint request timed out\"}");
    explain(
        r,
        "integration-timeout-504",
        "did not answer within the integration timeout",
        "(timeout 200 ms)",
        "integration: HTTP_PROXY " + backend.url("/sleep/2000"));
  }

  @Test
  @Order(7)
  void servedRequestHasARecordToo() throws Exception {
    // The stage bucket (1 rps, burst 1) was emptied by order 4: ask until it has refilled, instead
    // of sleeping.
    RawHttp.Response r =
        Poll.until(Duration.ofSeconds(5), () -> get("/dev/open"), x -> x.status() == 200);
    Run run =
        turnpikeCli(
            "explain", r.header("x-amzn-RequestId"), "--data-dir", dataDir.toString(), "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(AwsCli.JSON.readTree(run.out()).get("cause").asText()).isEqualTo("OK");
    assertThat(AwsCli.JSON.readTree(run.out()).get("resourcePath").asText()).isEqualTo("/open");
  }

  @Test
  @Order(8)
  void unknownRequestIdExitsOne() throws Exception {
    Run run =
        turnpikeCli(
            "explain", "00000000-0000-4000-8000-000000000000", "--data-dir", dataDir.toString());
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no decision record");
  }

  @Test
  @Order(9)
  void knowledgeBaseFromTheJar() throws Exception {
    Run search = turnpikeCli("kb", "search", "certficate", "expired");
    assertThat(search.exit()).isZero();
    assertThat(search.out().lines().findFirst().orElse(""))
        .startsWith("certificate-expired-invalid");
    Run show = turnpikeCli("kb", "show", "throttling-429");
    assertThat(show.exit()).isZero();
    assertThat(show.out())
        .contains("# 429 Too Many Requests")
        .contains("last updated:")
        .contains("## Fix");
  }

  @Test
  @Order(9)
  void doctorLimitsShowsWhichLevelBindsAndExitsByTheWorstFinding() throws Exception {
    Run ok =
        turnpikeCli(
            "doctor",
            "limits",
            "--api",
            apiId,
            "--stage",
            "dev",
            "--data-dir",
            dataDir.toString(),
            "--json");
    assertThat(ok.exit()).as(ok.out() + ok.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode report = AwsCli.JSON.readTree(ok.out());
    assertThat(report.get("level").asText()).isEqualTo("OK");
    assertThat(report.get("account").get("rate").asDouble()).isEqualTo(10000.0);
    com.fasterxml.jackson.databind.JsonNode open = null;
    for (com.fasterxml.jackson.databind.JsonNode m : report.get("methods")) {
      if (m.get("resourcePath").asText().equals("/open")) {
        open = m;
      }
    }
    assertThat(open).isNotNull();
    assertThat(open.get("stage").get("rate").asDouble()).isEqualTo(1.0);
    assertThat(open.get("bindsFirst").asText()).isEqualTo("stage");

    String keyId;
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      keyId = sdk.createApiKey(r -> r.name("lonely").enabled(true)).id();
    }
    Run fail =
        turnpikeCli(
            "doctor",
            "limits",
            "--api",
            apiId,
            "--stage",
            "dev",
            "--key",
            keyId,
            "--data-dir",
            dataDir.toString());
    assertThat(fail.exit()).as(fail.out() + fail.err()).isEqualTo(2);
    assertThat(fail.out())
        .contains("[FAIL] API key " + keyId)
        .contains("turnpike kb show api-key-403")
        .contains("/open")
        .contains("1.00/s burst 1");
  }

  @Test
  @Order(9)
  void doctorAccessSimulatesTheDecision() throws Exception {
    String account = turnpike.endpoints().accountId();
    Run root =
        turnpikeCli(
            "doctor",
            "access",
            "--api",
            apiId,
            "--stage",
            "dev",
            "--method",
            "GET",
            "--path",
            "/iam",
            "--principal",
            "arn:aws:iam::" + account + ":root",
            "--data-dir",
            dataDir.toString());
    assertThat(root.exit()).as(root.out() + root.err()).isZero();
    assertThat(root.out()).contains("[OK]").contains("identity: ALLOW (statement administrator)");
    Run user =
        turnpikeCli(
            "doctor",
            "access",
            "--api",
            apiId,
            "--stage",
            "dev",
            "--method",
            "GET",
            "--path",
            "/iam",
            "--principal",
            "arn:aws:iam::" + account + ":user/nobody",
            "--data-dir",
            dataDir.toString(),
            "--json");
    assertThat(user.exit()).as(user.out() + user.err()).isEqualTo(2);
    com.fasterxml.jackson.databind.JsonNode report = AwsCli.JSON.readTree(user.out());
    assertThat(report.get("allowed").asBoolean()).isFalse();
    assertThat(report.get("reason").asText()).isEqualTo("NO_IDENTITY_ALLOW");
    assertThat(report.get("findings").get(0).get("article").asText())
        .isEqualTo("cross-account-403");
    Run noRoute =
        turnpikeCli(
            "doctor",
            "access",
            "--api",
            apiId,
            "--stage",
            "dev",
            "--method",
            "POST",
            "--path",
            "/iam",
            "--principal",
            "arn:aws:iam::" + account + ":root",
            "--data-dir",
            dataDir.toString());
    assertThat(noRoute.exit()).isEqualTo(2);
    assertThat(noRoute.out()).contains("missing-authentication-token");
  }

  @Test
  @Order(10)
  void afterTheServerStopsExplainReadsTheSpilledFilesAndNoRecordHoldsASecret() throws Exception {
    turnpike.close();
    turnpike = null;
    assertThat(explained).hasSizeGreaterThanOrEqualTo(6);
    for (Map.Entry<String, String> e : explained.entrySet()) {
      Run run = turnpikeCli("explain", e.getKey(), "--data-dir", dataDir.toString());
      assertThat(run.exit()).as(run.err()).isZero();
      assertThat(run.out()).contains("turnpike kb show " + e.getValue());
      for (String s : secrets) {
        assertThat(run.out()).doesNotContain(s);
      }
    }
    try (Stream<Path> files = Files.list(dataDir.resolve("logs").resolve("decisions"))) {
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        for (String s : secrets) {
          assertThat(text).as(f.toString()).doesNotContain(s);
        }
      }
    }
  }
}
