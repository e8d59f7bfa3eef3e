package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.tls.AcmCertificates;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.Pem;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The certificate lifecycle against the real jar (issues 6 and 8): an imported certificate that
 * expires in 10 days and one already expired, each served by a custom domain, then a restart: the
 * start log warns about both, the Prometheus endpoint shows their days to expiry, {@code doctor
 * certificates} reports WARN then FAIL (exit 1, then 2), DescribeCertificate says EXPIRED and the
 * expired certificate is still served in a real handshake. A restart with the lifecycle's clock 340
 * days ahead ({@code --clock-offset}, test-only) renews a requested certificate in place. Last, a
 * corrupted local CA key stops a restart with a clear message.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CertificateLifecycleIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static LocalCa externalCa;
  static LocalCa pastCa;
  static String soonArn;
  static String expiredArn;
  static String issuedArn;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    externalCa =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("external-ca")), Clock.systemUTC());
    pastCa =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("past-ca")),
            Clock.fixed(Instant.now().minus(Duration.ofDays(400)), ZoneOffset.UTC));
  }

  @AfterAll
  static void stop() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  static String importCert(LocalCa ca, String name, Duration validity) throws Exception {
    CertifiedKey k = ca.issue(List.of(name), KeyAlgorithm.EC_prime256v1, validity);
    return AcmIT.importCert(aws, AcmIT.files(tmp, name, k, Pem.encode(ca.certificate())));
  }

  static void createDomain(String name, String arn) throws Exception {
    aws.json(
        "create-domain-name",
        "--domain-name",
        name,
        "--regional-certificate-arn",
        arn,
        "--endpoint-configuration",
        "types=REGIONAL",
        "--security-policy",
        "TLS_1_2");
  }

  static ExplainIT.Run doctor() throws Exception {
    return ExplainIT.turnpikeCli(
        "doctor", "certificates", "--json", "--data-dir", turnpike.dataDir().toString());
  }

  static JsonNode finding(JsonNode report, String arn) {
    for (JsonNode f : report.path("findings")) {
      if (f.path("message").asText().contains(arn)) {
        return f;
      }
    }
    throw new AssertionError("no finding names " + arn + ": " + report.toPrettyString());
  }

  /**
   * The log of the current process: the newest {@code data-turnpike-N.log} (restarts write a new
   * one).
   */
  static String currentLog() throws Exception {
    Path dir = turnpike.dataDir();
    try (var files = Files.list(dir.getParent())) {
      Path newest =
          files
              .filter(f -> f.getFileName().toString().startsWith(dir.getFileName() + "-turnpike-"))
              .max(java.util.Comparator.comparing(CertificateLifecycleIT::modified))
              .orElseThrow();
      return Files.readString(newest, StandardCharsets.UTF_8);
    }
  }

  private static java.nio.file.attribute.FileTime modified(Path p) {
    try {
      return Files.getLastModifiedTime(p);
    } catch (java.io.IOException e) {
      return java.nio.file.attribute.FileTime.fromMillis(0);
    }
  }

  static HttpResponse<String> metrics() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + turnpike.adminPort() + "/_turnpike/metrics"))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The certificate served for {@code serverName}, whatever its dates or issuer (no trust
   * decision).
   */
  static X509Certificate served(String serverName) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {new AcceptAll()}, null);
    try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), turnpike.httpsPort())) {
      plain.setSoTimeout(10_000);
      SSLSocket s =
          (SSLSocket)
              ctx.getSocketFactory().createSocket(plain, serverName, turnpike.httpsPort(), false);
      SSLParameters p = s.getSSLParameters();
      p.setServerNames(List.of(new javax.net.ssl.SNIHostName(serverName)));
      s.setSSLParameters(p);
      s.startHandshake();
      X509Certificate peer = (X509Certificate) s.getSession().getPeerCertificates()[0];
      s.close();
      return peer;
    }
  }

  @Test
  @Order(1)
  void doctor_importedCertificateExpiringIn10Days_isWarnWithExitOne() throws Exception {
    soonArn = importCert(externalCa, "soon.example.com", Duration.ofDays(10));
    createDomain("soon.example.com", soonArn);

    ExplainIT.Run run = doctor();
    assertThat(run.exit()).as(run.err()).isEqualTo(1);
    JsonNode report = AwsCli.JSON.readTree(run.out());
    assertThat(report.path("level").asText()).isEqualTo("WARN");
    JsonNode warn = finding(report, soonArn);
    assertThat(warn.path("level").asText()).isEqualTo("WARN");
    assertThat(warn.path("message").asText())
        .contains("(IMPORTED) expires on")
        .contains("in 9 days")
        .contains("used by soon.example.com");
    assertThat(warn.path("article").asText()).isEqualTo("certificate-expired-invalid");
  }

  @Test
  @Order(2)
  void doctor_expiredCertificateInUse_isFailWithExitTwo() throws Exception {
    // A domain needs an ISSUED certificate when it is created; its certificate expires later. Here:
    // re-imported in
    // place with one that expired (ACM accepts an expired certificate; it is reported EXPIRED).
    expiredArn = importCert(externalCa, "old.example.com", Duration.ofDays(90));
    createDomain("old.example.com", expiredArn);
    CertifiedKey k =
        pastCa.issue(List.of("old.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(30));
    Path[] f = AcmIT.files(tmp, "old-expired", k, Pem.encode(pastCa.certificate()));
    aws.acm(
        "import-certificate",
        "--certificate-arn",
        expiredArn,
        "--certificate",
        "fileb://" + f[0],
        "--private-key",
        "fileb://" + f[1],
        "--certificate-chain",
        "fileb://" + f[2]);

    ExplainIT.Run run = doctor();
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    JsonNode report = AwsCli.JSON.readTree(run.out());
    assertThat(report.path("level").asText()).isEqualTo("FAIL");
    JsonNode fail = finding(report, expiredArn);
    assertThat(fail.path("level").asText()).isEqualTo("FAIL");
    assertThat(fail.path("message").asText()).contains("expired on").contains("still served");
    assertThat(finding(report, soonArn).path("level").asText()).isEqualTo("WARN");
    JsonNode expired = null;
    for (JsonNode c : report.path("certificates")) {
      if (c.path("certificateArn").asText().equals(expiredArn)) {
        expired = c;
      }
    }
    assertThat(expired).isNotNull();
    assertThat(expired.path("status").asText()).isEqualTo("EXPIRED");
    assertThat(expired.path("daysToExpiry").asLong()).isLessThan(0);
    assertThat(expired.path("domains").get(0).path("covered").asBoolean()).isTrue();
  }

  @Test
  @Order(3)
  void restart_startLogWarnsAboutBothCertificates_withDomainArnNotAfterDaysAndArticle()
      throws Exception {
    issuedArn =
        aws.acm(
                "request-certificate",
                "--domain-name",
                "renew.example.com",
                "--key-algorithm",
                "EC_prime256v1")
            .get("CertificateArn")
            .asText();
    createDomain("renew.example.com", issuedArn);
    turnpike.stop();
    turnpike.restart();

    String log =
        Poll.until(
            Duration.ofSeconds(20),
            CertificateLifecycleIT::currentLog,
            l -> l.contains("domain soon.example.com") && l.contains("domain old.example.com"));
    assertThat(log)
        .containsPattern(
            "turnpike: WARN certificate expires soon: domain soon.example.com, certificate "
                + soonArn
                + ", NotAfter \\S+Z, 9 days left \\(imported certificates are not renewed:"
                + " re-import a renewed one\\); read: turnpike kb show"
                + " certificate-expired-invalid");
    assertThat(log)
        .containsPattern(
            "turnpike: WARN certificate expired: domain old.example.com, certificate "
                + expiredArn
                + ", NotAfter \\S+Z, -\\d+ days left \\(still served; clients refuse it until it is"
                + " replaced\\); read: turnpike kb show certificate-expired-invalid");
    assertThat(log).doesNotContain("domain renew.example.com").doesNotContain("PRIVATE KEY");
  }

  @Test
  @Order(4)
  void metrics_prometheusTextWithoutSigning_showsDaysToExpiryPerDomain() throws Exception {
    HttpResponse<String> r = metrics();
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(r.body())
        .contains("# TYPE turnpike_certificate_days_to_expiry gauge")
        .contains(
            "turnpike_certificate_days_to_expiry{certificate_arn=\""
                + soonArn
                + "\",domain=\"soon.example.com\"} 9.0")
        .contains(
            "turnpike_certificate_days_to_expiry{certificate_arn=\""
                + issuedArn
                + "\",domain=\"renew.example.com\"} 394.0")
        .contains(
            "turnpike_certificate_days_to_expiry{certificate_arn=\"default\","
                + "domain=\"*.execute-api.us-east-1.localhost\"} 394.0")
        .containsPattern(
            "turnpike_certificate_days_to_expiry\\{certificate_arn=\""
                + expiredArn
                + "\",domain=\"old.example.com\"} -\\d+\\.0");
  }

  @Test
  @Order(5)
  void expiredCertificate_isDescribedExpired_andStillServedInARealHandshake() throws Exception {
    // ACM keeps an expired certificate (status EXPIRED) and API Gateway keeps serving it until it
    // is replaced.
    assertThat(
            aws.acm("describe-certificate", "--certificate-arn", expiredArn)
                .at("/Certificate/Status")
                .asText())
        .isEqualTo("EXPIRED");
    X509Certificate peer = served("old.example.com");
    assertThat(peer.getSubjectX500Principal().getName()).isEqualTo("CN=old.example.com");
    assertThat(peer.getNotAfter().toInstant()).isBefore(Instant.now());
    Tls.SClient openssl =
        Tls.sClient(
            turnpike.httpsPort(),
            "old.example.com",
            "-CAfile",
            pastCa.certificateFile().toString());
    assertThat(openssl.handshakeDone()).as(openssl.output()).isTrue();
    assertThat(openssl.output()).contains("certificate has expired");
  }

  @Test
  @Order(6)
  void reimportWithABadChain_isRefused_andTheDomainKeepsServingItsCertificate() throws Exception {
    X509Certificate before = served("soon.example.com");
    LocalCa stranger =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("stranger-ca")), Clock.systemUTC());
    CertifiedKey k =
        externalCa.issue(
            List.of("soon.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(90));
    Path[] f = AcmIT.files(tmp, "bad-chain", k, Pem.encode(stranger.certificate()));
    AwsCli.Result r =
        aws.runService(
            "acm",
            "import-certificate",
            "--certificate-arn",
            soonArn,
            "--certificate",
            "fileb://" + f[0],
            "--private-key",
            "fileb://" + f[1],
            "--certificate-chain",
            "fileb://" + f[2]);
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.stderr())
        .contains("(ValidationException)")
        .contains("Could not validate the certificate with the certificate chain.");
    assertThat(served("soon.example.com").getSerialNumber()).isEqualTo(before.getSerialNumber());
    assertThat(metrics().statusCode()).isEqualTo(200); // and the listeners are all still there
  }

  @Test
  @Order(8)
  void restartWithClock340DaysAhead_renewsTheRequestedCertificateInPlace() throws Exception {
    JsonNode before =
        aws.acm("describe-certificate", "--certificate-arn", issuedArn).get("Certificate");
    assertThat(before.has("RenewalSummary")).isFalse();
    turnpike.stop();
    TurnpikeProcess ahead = TurnpikeProcess.start(turnpike.dataDir(), "--clock-offset", "P340D");
    turnpike = ahead;
    aws = new AwsCli(ahead);

    String log =
        Poll.until(
            Duration.ofSeconds(30),
            CertificateLifecycleIT::currentLog,
            l -> l.contains("domain soon.example.com")); // warnings come last, after the renewals
    assertThat(log)
        .contains("turnpike: renewed certificate " + issuedArn + " (renew.example.com): NotAfter ")
        .contains("turnpike: renewed the default certificate *.execute-api.us-east-1.localhost");
    JsonNode after =
        aws.acm("describe-certificate", "--certificate-arn", issuedArn).get("Certificate");
    assertThat(after.get("CertificateArn").asText()).isEqualTo(issuedArn);
    assertThat(after.get("DomainName").asText()).isEqualTo("renew.example.com");
    assertThat(after.get("Serial").asText()).isNotEqualTo(before.get("Serial").asText());
    assertThat(after.at("/RenewalSummary/RenewalStatus").asText()).isEqualTo("SUCCESS");
    assertThat(after.at("/RenewalSummary/DomainValidationOptions/0/DomainName").asText())
        .isEqualTo("renew.example.com");
    assertThat(after.at("/RenewalSummary/UpdatedAt").asText()).isNotEmpty();
    // 340 days ahead + 395 days of validity (the CLI prints epoch seconds)
    assertThat(Instant.ofEpochSecond(after.get("NotAfter").asLong()))
        .isAfter(Instant.now().plus(Duration.ofDays(730)));
    // The next handshake serves the renewed certificate.
    X509Certificate peer =
        Poll.until(
            Duration.ofSeconds(10),
            () -> served("renew.example.com"),
            c -> AcmCertificates.serial(c.getSerialNumber()).equals(after.get("Serial").asText()));
    assertThat(AcmCertificates.serial(peer.getSerialNumber()))
        .isEqualTo(after.get("Serial").asText());
    // Imported certificates are not renewed: still the same serial, still warned about.
    assertThat(log).contains("domain soon.example.com");
  }

  @Test
  @Order(9)
  void restart_corruptedLocalCaKey_exitsWithAClearMessageAndNoStackTrace() throws Exception {
    turnpike.stop();
    Path key = turnpike.dataDir().resolve("ca-key.pem");
    Files.writeString(
        key, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(turnpike::restart)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("turnpike exited with 1")
        .hasMessageContaining("the local CA key " + key + " cannot be read")
        .hasMessageNotContaining("\tat ");
  }

  /** Accepts any server certificate: the test looks at what is served, not whether to trust it. */
  static final class AcceptAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
