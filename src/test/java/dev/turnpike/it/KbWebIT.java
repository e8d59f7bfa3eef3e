package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge base at {@code /_turnpike/kb} on the admin port of the real jar, over plain HTTP:
 * status, headers, bodies, the same ranking as {@code turnpike kb search}, live checks for loopback
 * clients only, and the SigV4 control plane still answering on the same port.
 */
class KbWebIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String apiId;
  static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    apiId = aws.json("create-rest-api", "--name", "kb").get("id").asText();
    String root =
        aws.json("get-resources", "--rest-api-id", apiId).get("items").get(0).get("id").asText();
    aws.json(
        "put-method",
        "--rest-api-id",
        apiId,
        "--resource-id",
        root,
        "--http-method",
        "GET",
        "--authorization-type",
        "NONE");
    aws.json(
        "put-integration",
        "--rest-api-id",
        apiId,
        "--resource-id",
        root,
        "--http-method",
        "GET",
        "--type",
        "MOCK",
        "--request-templates",
        "{\"application/json\":\"{\\\"statusCode\\\": 200}\"}");
    aws.json("create-deployment", "--rest-api-id", apiId, "--stage-name", "dev");
    KbFixtures.serveExpiredCertificate(aws, tmp, "old.example.com");
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.stop();
    }
  }

  static HttpResponse<String> get(String pathAndQuery) throws Exception {
    return get("127.0.0.1", turnpike.adminPort(), pathAndQuery, "GET");
  }

  static HttpResponse<String> get(String host, int port, String pathAndQuery, String method)
      throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + pathAndQuery))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .timeout(Duration.ofSeconds(10))
            .build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static void assertPageHeaders(HttpResponse<String> r) {
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy"))
        .hasValue("default-src 'none'; style-src 'unsafe-inline'");
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("Cache-Control")).isPresent();
    assertThat(r.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void theIndexListsCategoriesAndArticles() throws Exception {
    HttpResponse<String> r = get("/_turnpike/kb");
    assertThat(r.statusCode()).isEqualTo(200);
    assertPageHeaders(r);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
    assertThat(r.body())
        .contains("<h2 id=\"cat-tls\">tls</h2>")
        .contains("<h2 id=\"cat-limits\">limits</h2>")
        .contains(">Expired or invalid certificate</a>")
        .contains("<form method=\"get\" action=\"/_turnpike/kb\"")
        .doesNotContain("<script")
        .doesNotContain("<link");
  }

  @Test
  void searchRanksLikeTheCliAndToleratesTypos() throws Exception {
    HttpResponse<String> r = get("/_turnpike/kb?q=certficate+expired");
    assertThat(r.statusCode()).isEqualTo(200);
    assertPageHeaders(r);
    List<String> pageOrder = new ArrayList<>();
    Matcher m =
        Pattern.compile("<li class=\"hit\"><a href=\"/_turnpike/kb/([a-z0-9-]+)\"")
            .matcher(r.body());
    while (m.find()) {
      pageOrder.add(m.group(1));
    }
    assertThat(pageOrder).first().isEqualTo("certificate-expired-invalid");
    // One home: `turnpike kb search` (the same jar, as a subprocess) ranks the same articles the
    // same way.
    Process cli =
        new ProcessBuilder(
                "java",
                "-jar",
                TurnpikeProcess.jar().toString(),
                "kb",
                "search",
                "certficate",
                "expired")
            .redirectErrorStream(true)
            .start();
    String out = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> cliOrder = out.lines().map(l -> l.split("\\s+")[0]).toList();
    assertThat(pageOrder)
        .isEqualTo(cliOrder.subList(0, Math.min(cliOrder.size(), pageOrder.size())));
  }

  @Test
  void anArticlePageShowsTitleLastUpdatedErrorsAndTheLiveCheck() throws Exception {
    HttpResponse<String> r = get("/_turnpike/kb/certificate-expired-invalid");
    assertThat(r.statusCode()).isEqualTo(200);
    assertPageHeaders(r);
    assertThat(r.body())
        .contains("<h1 id=\"title\">Expired or invalid certificate</h1>")
        .contains("Last updated 2026-11-25")
        .contains("<code>certificate has expired</code>")
        .contains("<code id=\"cli\">turnpike doctor certificates</code>")
        .contains("href=\"/_turnpike/kb/certificate-expired-invalid/check\"")
        .contains("<ul id=\"related\">")
        .contains("<h2>Fix</h2>");
    HttpResponse<String> head =
        get("127.0.0.1", turnpike.adminPort(), "/_turnpike/kb/certificate-expired-invalid", "HEAD");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Length"))
        .hasValue(String.valueOf(r.body().getBytes(StandardCharsets.UTF_8).length));
  }

  @Test
  void anUnknownSlugIsA404Page() throws Exception {
    HttpResponse<String> r = get("/_turnpike/kb/no-such-article");
    assertThat(r.statusCode()).isEqualTo(404);
    assertPageHeaders(r);
    assertThat(r.body()).contains("<h1>Not found</h1>").contains("no-such-article");
    assertThat(get("/_turnpike/kb/%3Cscript%3E").body()).doesNotContain("<script>");
    HttpResponse<String> post = get("127.0.0.1", turnpike.adminPort(), "/_turnpike/kb", "POST");
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void liveChecksRenderTheDoctorReport() throws Exception {
    HttpResponse<String> certs = get("/_turnpike/kb/certificate-expired-invalid/check");
    assertThat(certs.statusCode()).isEqualTo(200);
    assertPageHeaders(certs);
    assertThat(certs.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(certs.body())
        .contains("id=\"level\">FAIL</span>")
        .contains("old.example.com")
        .contains("expired on")
        .contains("href=\"/_turnpike/kb/certificate-expired-invalid\"");

    HttpResponse<String> limits =
        get("/_turnpike/kb/throttling-429/check?api=" + apiId + "&stage=dev&key=&run=1");
    assertThat(limits.statusCode()).isEqualTo(200);
    assertThat(limits.body())
        .contains("<code id=\"cli\">turnpike doctor limits --api " + apiId + " --stage dev</code>")
        .contains("id=\"level\">OK</span>")
        .contains("No throttle or quota refuses every request");

    HttpResponse<String> unknown =
        get("/_turnpike/kb/throttling-429/check?api=nope&stage=dev&run=1");
    assertThat(unknown.body())
        .contains("id=\"level\">FAIL</span>")
        .contains("No deployed API nope");
  }

  @Test
  void theControlPlaneStillAnswersOnTheSamePort() throws Exception {
    assertThat(aws.json("get-rest-api", "--rest-api-id", apiId).get("name").asText())
        .isEqualTo("kb");
    // Unsigned requests outside /_turnpike/kb are still the control plane's (AWS-shaped refusal).
    HttpResponse<String> r = get("/restapis");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
  }

  /**
   * Bound to all interfaces, a non-loopback client reads the articles but never gets a live check.
   */
  @Test
  void remoteClientsGetArticlesButNoLiveChecks() throws Exception {
    InetAddress external = null;
    for (NetworkInterface ni : NetworkInterface.networkInterfaces().toList()) {
      for (InetAddress a : ni.inetAddresses().toList()) {
        if (a instanceof Inet4Address && !a.isLoopbackAddress() && ni.isUp()) {
          external = a;
        }
      }
    }
    Assumptions.assumeTrue(external != null, "no non-loopback IPv4 address on this machine");
    TurnpikeProcess wide = TurnpikeProcess.start(tmp.resolve("wide"), "--bind", "0.0.0.0");
    try {
      String host = external.getHostAddress();
      assertThat(get(host, wide.adminPort(), "/_turnpike/kb/throttling-429", "GET").statusCode())
          .isEqualTo(200);
      HttpResponse<String> check =
          get(
              host,
              wide.adminPort(),
              "/_turnpike/kb/throttling-429/check?api=a&stage=b&run=1",
              "GET");
      assertThat(check.statusCode()).isEqualTo(403);
      assertPageHeaders(check);
      assertThat(check.body()).contains("loopback clients only").doesNotContain("id=\"report\"");
      assertThat(
              get("127.0.0.1", wide.adminPort(), "/_turnpike/kb/throttling-429/check", "GET")
                  .statusCode())
          .isEqualTo(200);
    } finally {
      wide.stop();
    }
  }
}
