package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.turnpike.testkit.Prerequisite;
import dev.turnpike.testkit.RestApiFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * The HTTPS listener with its default certificate: the local CA made on first start, the
 * execute-api wildcard certificate it issues, SNI, ALPN (h2 and http/1.1), TLS 1.3, and what a
 * client sees for a name Turnpike does not serve (spec 1.1; issue 6).
 */
class HttpsIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String api;
  static SSLContext trustCa;

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    api = mockApi(turnpike, "hello", "{\"hello\": \"$context.stage\"}", "prod");
    trustCa = Tls.trusting(turnpike.endpoints().caFile());
  }

  /**
   * A REST API with GET /{path} → MOCK 200 {@code template}, deployed to {@code stage}; returns its
   * id. Built through the SDK: a fixture for tests whose subject is not the control plane.
   */
  static String mockApi(TurnpikeProcess turnpike, String path, String template, String stage)
      throws Exception {
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      return RestApiFixture.create(sdk, "tls-" + path)
          .mock("GET", "/" + path, template)
          .deploy(stage);
    }
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  static String executeApiHost(String apiId) {
    return apiId + ".execute-api.us-east-1.localhost";
  }

  @Test
  void firstStart_createsLocalCaWithPrivateKeyMode0600_andListsItInEndpointsJson()
      throws Exception {
    Path data = turnpike.dataDir();
    assertThat(turnpike.endpoints().caFile()).isEqualTo(data.resolve("ca.pem"));
    assertThat(turnpike.httpsPort()).isPositive();
    assertThat(Files.readString(data.resolve("ca.pem"), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(data.resolve("ca-key.pem"))))
        .isEqualTo("rw-------");
  }

  @Test
  void executeApiHost_overHttps_servesTheApiWithTheDefaultWildcardCertificate() throws Exception {
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trustCa, executeApiHost(api))) {
      c.send(RawHttp.request("GET", "/prod/hello", executeApiHost(api), null));
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.bodyText()).isEqualTo("{\"hello\": \"prod\"}");
      assertThat(c.tlsSession().getProtocol()).isEqualTo("TLSv1.3");
      var peer = (java.security.cert.X509Certificate) c.tlsSession().getPeerCertificates()[0];
      assertThat(peer.getSubjectX500Principal().getName())
          .isEqualTo("CN=*.execute-api.us-east-1.localhost");
    }
  }

  @Test
  void alpn_offersH2AndHttp11() throws Exception {
    assertThat(
            Tls.handshake(turnpike.httpsPort(), trustCa, executeApiHost(api), "h2", "http/1.1")
                .alpn())
        .isEqualTo("h2");
    assertThat(Tls.handshake(turnpike.httpsPort(), trustCa, executeApiHost(api), "http/1.1").alpn())
        .isEqualTo("http/1.1");
  }

  @Test
  void http2_pathStyleOnLocalhost_answersOverH2() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(trustCa)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://localhost:"
                            + turnpike.httpsPort()
                            + "/restapis/"
                            + api
                            + "/prod/_user_request_/hello"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"hello\": \"prod\"}");
    assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
  }

  @Test
  void unknownServerName_getsTheDefaultCertificate_soVerificationFailsLikeOnAws() throws Exception {
    // The "no alternative certificate subject name matches" failure of the wrong-certificate
    // article.
    assertThatThrownBy(() -> Tls.handshake(turnpike.httpsPort(), trustCa, "api.unknown.example"))
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("No subject alternative DNS name matching api.unknown.example found");
    Prerequisite.CURL.require();
    Process curl =
        new ProcessBuilder(
                "curl",
                "-sS",
                "--cacert",
                turnpike.endpoints().caFile().toString(),
                "--resolve",
                "api.unknown.example:" + turnpike.httpsPort() + ":127.0.0.1",
                "https://api.unknown.example:" + turnpike.httpsPort() + "/")
            .redirectErrorStream(true)
            .start();
    String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    curl.waitFor();
    assertThat(out).contains("no alternative certificate subject name matches target host name");
  }

  @Test
  void noServerName_getsTheDefaultCertificate() throws Exception {
    Tls.SClient s =
        Tls.sClient(
            turnpike.httpsPort(), null, "-CAfile", turnpike.endpoints().caFile().toString());
    assertThat(s.output())
        .contains("subject=CN = *.execute-api.us-east-1.localhost")
        .contains("Verify return code: 0 (ok)");
  }

  @Test
  void opensslClient_verifiesTheChainToTheLocalCa() throws Exception {
    Tls.SClient s =
        Tls.sClient(
            turnpike.httpsPort(),
            executeApiHost(api),
            "-CAfile",
            turnpike.endpoints().caFile().toString(),
            "-verify_hostname",
            executeApiHost(api),
            "-alpn",
            "h2,http/1.1");
    assertThat(s.output())
        .contains("Verify return code: 0 (ok)")
        .contains("ALPN protocol: h2")
        .contains("TLSv1.3");
  }

  @Test
  void caTrust_printsCurlJavaAndSystemStoreInstructions() throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    TurnpikeProcess.jar().toString(),
                    "ca",
                    "trust",
                    "--data-dir",
                    turnpike.dataDir().toString()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    String ca = turnpike.endpoints().caFile().toString();
    assertThat(out)
        .contains("curl --cacert " + ca)
        .contains("keytool -importcert")
        .contains("update-ca-certificates");
  }
}
