package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Custom domain names end to end (spec 3, cases C69-C75): SNI picks the domain's imported
 * certificate (exact beats wildcard, unknown names get the default), base path mappings route APIs
 * behind one domain, AWS's 403s for a wrong base path and for the stage repeated in the URL,
 * re-import served on the next handshake while an open connection keeps its certificate, and the
 * security policies enforced in the handshake.
 */
class CustomDomainIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static LocalCa externalCa;
  static SSLContext trustExternal;
  static String api1;
  static String api2;
  static String api3;
  static String apiCertArn;

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    externalCa =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("external-ca")), Clock.systemUTC());
    trustExternal = Tls.trusting(externalCa.certificateFile());
    api1 = HttpsIT.mockApi(turnpike, "resourceA", "{\"api\": 1}", "dev");
    api2 = HttpsIT.mockApi(turnpike, "x", "{\"api\": 2}", "test");
    api3 = HttpsIT.mockApi(turnpike, "items", "{\"api\": 3}", "prod");

    apiCertArn = importCert("api.example.com");
    createDomain("api.example.com", apiCertArn, "TLS_1_2");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "api.example.com",
        "--rest-api-id",
        api1,
        "--stage",
        "dev");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "api.example.com",
        "--rest-api-id",
        api2,
        "--stage",
        "test",
        "--base-path",
        "orders");
    awaitCertificate("api.example.com", "CN=api.example.com");
  }

  static String importCert(String... names) throws Exception {
    CertifiedKey k =
        externalCa.issue(List.of(names), KeyAlgorithm.EC_prime256v1, Duration.ofDays(90));
    return AcmIT.importCert(
        aws,
        AcmIT.files(tmp, names[0].replace("*", "star"), k, Pem.encode(externalCa.certificate())));
  }

  static JsonNode createDomain(String name, String certArn, String policy) throws Exception {
    return aws.json(
        "create-domain-name",
        "--domain-name",
        name,
        "--regional-certificate-arn",
        certArn,
        "--endpoint-configuration",
        "types=REGIONAL",
        "--security-policy",
        policy);
  }

  /**
   * Waits (bounded) until a handshake for {@code serverName} returns a certificate with that
   * subject.
   */
  static Tls.Handshake awaitCertificate(String serverName, String subject) throws Exception {
    return Poll.until(
        Duration.ofSeconds(10),
        () -> {
          try {
            return Tls.handshake(turnpike.httpsPort(), trustExternal, serverName);
          } catch (java.io.IOException e) {
            return null;
          }
        },
        h -> h != null && h.peer().getSubjectX500Principal().getName().equals(subject));
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  static RawHttp.Response get(String host, String path) throws Exception {
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trustExternal, host)) {
      c.send(RawHttp.request("GET", path, host, null));
      return c.read();
    }
  }

  @Test
  void createDomainName_answersWithTheRegionalTarget() throws Exception {
    JsonNode d = aws.json("get-domain-name", "--domain-name", "api.example.com");
    assertThat(d.get("regionalDomainName").asText())
        .matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.localhost");
    assertThat(d.get("regionalHostedZoneId").asText()).isEqualTo("Z1UJRXOUMOOFQ8");
    assertThat(d.get("securityPolicy").asText()).isEqualTo("TLS_1_2");
    assertThat(d.get("domainNameStatus").asText()).isEqualTo("AVAILABLE");
    assertThat(d.at("/endpointConfiguration/types/0").asText()).isEqualTo("REGIONAL");
    JsonNode mappings =
        aws.json("get-base-path-mappings", "--domain-name", "api.example.com").get("items");
    assertThat(mappings)
        .extracting(m -> m.get("basePath").asText())
        .containsExactly("(none)", "orders");
  }

  @Test
  void sni_customDomainGetsItsCertificate_unknownNameGetsTheDefault() throws Exception {
    Tls.SClient s =
        Tls.sClient(
            turnpike.httpsPort(),
            "api.example.com",
            "-CAfile",
            externalCa.certificateFile().toString(),
            "-verify_hostname",
            "api.example.com");
    assertThat(s.output())
        .contains("subject=CN = api.example.com")
        .contains("Verify return code: 0 (ok)");
    Tls.SClient unknown = Tls.sClient(turnpike.httpsPort(), "other.example.com");
    assertThat(unknown.output()).contains("subject=CN = *.execute-api.us-east-1.localhost");
    assertThatThrownBy(
            () -> Tls.handshake(turnpike.httpsPort(), trustExternal, "other.example.com"))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void basePathMappings_routeTwoApisBehindOneDomain_andStripTheBasePath() throws Exception {
    RawHttp.Response a = get("api.example.com", "/resourceA"); // C70
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.bodyText()).isEqualTo("{\"api\": 1}");
    RawHttp.Response b = get("api.example.com", "/orders/x"); // C72
    assertThat(b.status()).isEqualTo(200);
    assertThat(b.bodyText()).isEqualTo("{\"api\": 2}");
  }

  @Test
  void stageRepeatedInTheUrl_isMissingAuthenticationToken() throws Exception {
    RawHttp.Response r = get("api.example.com", "/dev/resourceA"); // C71 (KC-cd403)
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  void noMatchingMappingAndNoNone_isForbidden() throws Exception {
    String arn = importCert("shop.example.com");
    createDomain("shop.example.com", arn, "TLS_1_2");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "shop.example.com",
        "--rest-api-id",
        api2,
        "--stage",
        "test",
        "--base-path",
        "orders");
    awaitCertificate("shop.example.com", "CN=shop.example.com");
    RawHttp.Response r =
        Poll.until(
            Duration.ofSeconds(10),
            () -> get("shop.example.com", "/orders/x"),
            x -> x.status() == 200);
    assertThat(r.status()).isEqualTo(200);
    RawHttp.Response miss = get("shop.example.com", "/customers"); // C73
    assertThat(miss.status()).isEqualTo(403);
    assertThat(miss.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void secondEmptyBasePath_isConflict() throws Exception {
    AwsCli.Result r =
        aws.run(
            "create-base-path-mapping",
            "--domain-name",
            "api.example.com",
            "--rest-api-id",
            api3,
            "--stage",
            "prod"); // C75
    assertThat(r.stderr())
        .contains("(ConflictException)")
        .contains("Only one base path mapping is allowed if the base path is empty.");
    AwsCli.Result slash =
        aws.run(
            "create-base-path-mapping",
            "--domain-name",
            "api.example.com",
            "--rest-api-id",
            api3,
            "--stage",
            "prod",
            "--base-path",
            "a/b");
    assertThat(slash.stderr())
        .contains("(BadRequestException)")
        .contains("doesn't support the slash character");
  }

  @Test
  void customDomain_isNotRoutedOnTheHttpListener() throws Exception {
    RawHttp.Response r =
        RawHttp.exchange(
            turnpike.httpPort(), RawHttp.request("GET", "/resourceA", "api.example.com", null));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void regionalTargetName_routesLikeTheDomain() throws Exception {
    String target =
        aws.json("get-domain-name", "--domain-name", "api.example.com")
            .get("regionalDomainName")
            .asText();
    SSLContext trustTurnpike = Tls.trusting(turnpike.endpoints().caFile());
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trustTurnpike, target)) {
      c.send(RawHttp.request("GET", "/orders/x", target, null));
      assertThat(c.read().bodyText()).isEqualTo("{\"api\": 2}");
    }
  }

  @Test
  void wildcardDomain_servesOneLabel_andAnExactDomainBeatsIt() throws Exception {
    String wildArn = importCert("*.wild.example.com");
    createDomain("*.wild.example.com", wildArn, "TLS_1_2");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "*.wild.example.com",
        "--rest-api-id",
        api3,
        "--stage",
        "prod");
    String exactArn = importCert("exact.wild.example.com");
    createDomain("exact.wild.example.com", exactArn, "TLS_1_2");
    assertThat(
            awaitCertificate("a.wild.example.com", "CN=*.wild.example.com")
                .peer()
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=*.wild.example.com");
    assertThat(
            awaitCertificate("exact.wild.example.com", "CN=exact.wild.example.com")
                .peer()
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=exact.wild.example.com");
    assertThat(
            Poll.until(
                    Duration.ofSeconds(10),
                    () -> get("b.wild.example.com", "/items"),
                    x -> x.status() == 200)
                .bodyText())
        .isEqualTo("{\"api\": 3}");
  }

  @Test
  void reimport_isServedOnTheNextHandshake_whileAnOpenConnectionKeepsItsCertificate()
      throws Exception {
    String arn = importCert("renew.example.com");
    createDomain("renew.example.com", arn, "TLS_1_2");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "renew.example.com",
        "--rest-api-id",
        api3,
        "--stage",
        "prod");
    java.math.BigInteger first =
        awaitCertificate("renew.example.com", "CN=renew.example.com").peer().getSerialNumber();
    try (RawHttp open =
        RawHttp.connectTls(turnpike.httpsPort(), trustExternal, "renew.example.com")) {
      CertifiedKey renewed =
          externalCa.issue(
              List.of("renew.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(400));
      Path[] f = AcmIT.files(tmp, "renewed", renewed, Pem.encode(externalCa.certificate()));
      aws.acm(
          "import-certificate",
          "--certificate-arn",
          arn,
          "--certificate",
          "fileb://" + f[0],
          "--private-key",
          "fileb://" + f[1],
          "--certificate-chain",
          "fileb://" + f[2]);
      Tls.Handshake next =
          Poll.until(
              Duration.ofSeconds(10),
              () -> Tls.handshake(turnpike.httpsPort(), trustExternal, "renew.example.com"),
              h -> h.peer().getSerialNumber().equals(renewed.leaf().getSerialNumber()));
      assertThat(next.peer().getSerialNumber()).isEqualTo(renewed.leaf().getSerialNumber());
      open.send(RawHttp.request("GET", "/items", "renew.example.com", null));
      assertThat(open.read().status()).isEqualTo(200);
      assertThat(
              ((java.security.cert.X509Certificate) open.tlsSession().getPeerCertificates()[0])
                  .getSerialNumber())
          .isEqualTo(first);
    }
  }

  @Test
  void securityPolicies_tls10RefusedUnderTls12_acceptedUnderTls10() throws Exception {
    String legacyArn = importCert("legacy.example.com");
    createDomain("legacy.example.com", legacyArn, "TLS_1_0");
    awaitCertificate("legacy.example.com", "CN=legacy.example.com");
    // OpenSSL 3 needs security level 0 to offer TLS 1.0/1.1 at all.
    Tls.SClient refused =
        Tls.sClient(
            turnpike.httpsPort(), "api.example.com", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertThat(refused.handshakeDone()).as(refused.output()).isFalse();
    Tls.SClient refused11 =
        Tls.sClient(
            turnpike.httpsPort(), "api.example.com", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertThat(refused11.handshakeDone()).as(refused11.output()).isFalse();
    Tls.SClient accepted =
        Tls.sClient(
            turnpike.httpsPort(), "legacy.example.com", "-tls1", "-cipher", "DEFAULT@SECLEVEL=0");
    assertThat(accepted.handshakeDone()).as(accepted.output()).isTrue();
    assertThat(accepted.output())
        .contains("Protocol  : TLSv1\n")
        .contains("subject=CN = legacy.example.com");
    Tls.SClient tls12 = Tls.sClient(turnpike.httpsPort(), "api.example.com", "-tls1_2");
    assertThat(tls12.handshakeDone()).isTrue();
  }

  @Test
  void deleteCertificate_inUseByADomain_isResourceInUse() throws Exception {
    AwsCli.Result r = aws.runService("acm", "delete-certificate", "--certificate-arn", apiCertArn);
    assertThat(r.stderr()).contains("(ResourceInUseException)");
    assertThat(
            aws.acm("describe-certificate", "--certificate-arn", apiCertArn)
                .at("/Certificate/InUseBy/0")
                .asText())
        .isEqualTo("arn:aws:apigateway:us-east-1::/domainnames/api.example.com");
  }

  @Test
  void createDomainName_certificateNotCoveringTheName_isBadRequest() throws Exception {
    AwsCli.Result r =
        aws.run(
            "create-domain-name",
            "--domain-name",
            "nope.example.com",
            "--regional-certificate-arn",
            apiCertArn,
            "--endpoint-configuration",
            "types=REGIONAL");
    assertThat(r.stderr())
        .contains("(BadRequestException)")
        .contains("does not cover the domain name");
  }
}
