package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.DnsServer;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code turnpike doctor domain} end to end: a private DNS server per test, in this JVM ({@link
 * DnsServer}), answers for the custom domain (no root, no system service, no resolver change), the
 * real CLI resolves through it with {@code --resolver}, shakes hands with the running Turnpike with
 * SNI = the name, and reads the configuration through the control plane. Pins the classic mistakes
 * of KC-cd403 / spec 3: DNS at the API's execute-api host instead of the regional domain name, a
 * certificate that does not cover the name (ACM lets a re-import add or remove names:
 * https://docs.aws.amazon.com/acm/latest/userguide/import-reimport.html), and paths no base path
 * mapping matches.
 */
class DoctorDomainIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static LocalCa externalCa;
  static String apiId;
  static String regional;

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    externalCa =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("external-ca")), Clock.systemUTC());
    apiId = HttpsIT.mockApi(turnpike, "pets", "{\"pets\": []}", "dev");
    String arn = importCert("api.example.com");
    regional =
        aws.json(
                "create-domain-name",
                "--domain-name",
                "api.example.com",
                "--regional-certificate-arn",
                arn,
                "--endpoint-configuration",
                "types=REGIONAL",
                "--security-policy",
                "TLS_1_2")
            .get("regionalDomainName")
            .asText();
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "api.example.com",
        "--rest-api-id",
        apiId,
        "--stage",
        "dev");
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  static String importCert(String name) throws Exception {
    return AcmIT.importCert(
        aws, AcmIT.files(tmp, name, issue(name), Pem.encode(externalCa.certificate())));
  }

  static CertifiedKey issue(String name) throws Exception {
    return externalCa.issue(List.of(name), KeyAlgorithm.EC_prime256v1, Duration.ofDays(90));
  }

  /**
   * {@code doctor domain} as a client that trusts the external CA (the tests' imported
   * certificates) would run it.
   */
  static ExplainIT.Run doctor(DnsServer dns, String name, String... extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "doctor",
                "domain",
                name,
                "--resolver",
                dns.resolver(),
                "--data-dir",
                turnpike.dataDir().toString(),
                "--trust",
                externalCa.certificateFile().toString()));
    args.addAll(List.of(extra));
    return ExplainIT.turnpikeCli(args.toArray(String[]::new));
  }

  static JsonNode json(ExplainIT.Run run) throws Exception {
    return AwsCli.JSON.readTree(run.out());
  }

  static JsonNode finding(JsonNode report, String level, String messagePart) {
    for (JsonNode f : report.get("findings")) {
      if (f.get("level").asText().equals(level)
          && f.get("message").asText().contains(messagePart)) {
        return f;
      }
    }
    throw new AssertionError(
        "no " + level + " finding with '" + messagePart + "' in " + report.toPrettyString());
  }

  @Test
  void cnameToTheRegionalDomainName_isOk_andTheServedCertificateIsTheConfiguredOne()
      throws Exception {
    try (DnsServer dns =
        DnsServer.zone()
            .address(regional, "127.0.0.1")
            .cname("api.example.com", regional)
            .start()) {
      ExplainIT.Run run = doctor(dns, "api.example.com", "--json");
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
      JsonNode report = json(run);
      assertThat(report.get("level").asText()).isEqualTo("OK");
      assertThat(report.at("/dns/cnameChain/0").asText()).isEqualTo(regional);
      assertThat(report.at("/dns/addresses/0").asText()).isEqualTo("127.0.0.1");
      finding(report, "OK", "is a CNAME of " + regional + ", the domain's regional domain name");
      assertThat(report.at("/tls/servedChain/0/subject").asText()).isEqualTo("CN=api.example.com");
      assertThat(report.at("/tls/servedChain/0/sha256").asText())
          .isEqualTo(report.at("/domain/certificate/sha256").asText());
      finding(report, "OK", "Turnpike serves the configured certificate");
      finding(report, "OK", "allowed by the security policy TLS_1_2");
      finding(report, "OK", "The served chain validates against " + externalCa.certificateFile());
      assertThat(report.at("/mappings/0/sampleUrl").asText())
          .isEqualTo("https://api.example.com:" + turnpike.httpsPort() + "/...");

      // Without --trust the external CA is unknown to the system store and to Turnpike's CA:
      // clients would refuse.
      ExplainIT.Run text =
          ExplainIT.turnpikeCli(
              "doctor",
              "domain",
              "api.example.com",
              "--resolver",
              dns.resolver(),
              "--data-dir",
              turnpike.dataDir().toString());
      assertThat(text.exit()).as(text.out()).isEqualTo(1);
      assertThat(text.out())
          .contains(
              "dns ("
                  + dns.resolver()
                  + "): api.example.com CNAME "
                  + regional
                  + " -> [\"127.0.0.1\"]")
          .contains("served:     CN=api.example.com")
          .contains("(none)")
          .contains(
              "[WARN] The served chain does not validate against the system trust store or"
                  + " Turnpike's CA")
          .contains("read: turnpike kb show certificate-expired-invalid")
          .doesNotContain("[FAIL]");
    }
  }

  @Test
  void cnameToTheExecuteApiHost_failsWithTheWrongCertificateArticle() throws Exception {
    String executeApiHost = apiId + ".execute-api.us-east-1.localhost";
    try (DnsServer dns =
        DnsServer.zone()
            .address(executeApiHost, "127.0.0.1")
            .cname("api.example.com", executeApiHost)
            .start()) {
      ExplainIT.Run run = doctor(dns, "api.example.com", "--json");
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
      JsonNode report = json(run);
      assertThat(report.get("level").asText()).isEqualTo("FAIL");
      JsonNode f =
          finding(
              report,
              "FAIL",
              "is a CNAME of " + executeApiHost + ", the execute-api host of API " + apiId);
      assertThat(f.get("article").asText()).isEqualTo("custom-domain-wrong-certificate");
      assertThat(f.get("fix").asText()).contains("CNAME (or an alias record) of " + regional);

      ExplainIT.Run text = doctor(dns, "api.example.com");
      assertThat(text.exit()).isEqualTo(2);
      assertThat(text.out())
          .contains("[FAIL] api.example.com is a CNAME of " + executeApiHost)
          .contains("read: turnpike kb show custom-domain-wrong-certificate");
    }
  }

  @Test
  void certificateReimportedWithOtherNames_failsNamingTheServedAndTheExpectedNames()
      throws Exception {
    String arn = importCert("pay.example.com");
    String payRegional =
        aws.json(
                "create-domain-name",
                "--domain-name",
                "pay.example.com",
                "--regional-certificate-arn",
                arn,
                "--endpoint-configuration",
                "types=REGIONAL")
            .get("regionalDomainName")
            .asText();
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "pay.example.com",
        "--rest-api-id",
        apiId,
        "--stage",
        "dev");
    // ACM lets a re-import into the same ARN drop the domain's name; the domain then serves a
    // certificate for others.
    Path[] f =
        AcmIT.files(
            tmp, "billing", issue("billing.example.com"), Pem.encode(externalCa.certificate()));
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
    try (DnsServer dns =
        DnsServer.zone()
            .address(payRegional, "127.0.0.1")
            .cname("pay.example.com", payRegional)
            .start()) {
      JsonNode report =
          Poll.until(
              Duration.ofSeconds(15),
              () -> json(doctor(dns, "pay.example.com", "--json")),
              r -> r.at("/tls/servedChain/0/subject").asText().equals("CN=billing.example.com"));
      assertThat(report.get("exitCode").asInt()).isEqualTo(2);
      JsonNode fail =
          finding(
              report,
              "FAIL",
              "For SNI pay.example.com Turnpike serves CN=billing.example.com "
                  + "(SANs [billing.example.com]");
      assertThat(fail.get("message").asText())
          .contains("which does not cover pay.example.com")
          .contains("expected the configured certificate " + arn)
          .contains("the configured certificate itself does not cover the name");
      assertThat(fail.get("fix").asText())
          .contains("aws acm import-certificate --certificate-arn " + arn);
      assertThat(fail.get("article").asText()).isEqualTo("custom-domain-wrong-certificate");
      finding(report, "OK", "is a CNAME of " + payRegional);
    }
  }

  @Test
  void nameNotConfigured_getsTheDefaultCertificate_andFails() throws Exception {
    try (DnsServer dns = DnsServer.zone().address("www.example.com", "127.0.0.1").start()) {
      ExplainIT.Run run = doctor(dns, "www.example.com", "--json");
      assertThat(run.exit()).isEqualTo(2);
      JsonNode report = json(run);
      finding(report, "FAIL", "www.example.com is not a custom domain name in this Turnpike");
      finding(report, "FAIL", "Turnpike serves CN=*.execute-api.us-east-1.localhost");
      // The default certificate comes from Turnpike's CA, which is what doctor trusts without
      // --trust.
      JsonNode byTurnpikeCa =
          json(
              ExplainIT.turnpikeCli(
                  "doctor",
                  "domain",
                  "www.example.com",
                  "--resolver",
                  dns.resolver(),
                  "--data-dir",
                  turnpike.dataDir().toString(),
                  "--json"));
      finding(
          byTurnpikeCa,
          "OK",
          "The served chain validates against " + turnpike.endpoints().caFile());
    }
  }

  @Test
  void missingBasePathMapping_listsTheMappings_andWarns() throws Exception {
    String arn = importCert("shop.example.com");
    String shopRegional =
        aws.json(
                "create-domain-name",
                "--domain-name",
                "shop.example.com",
                "--regional-certificate-arn",
                arn,
                "--endpoint-configuration",
                "types=REGIONAL")
            .get("regionalDomainName")
            .asText();
    try (DnsServer dns =
        DnsServer.zone()
            .address(shopRegional, "127.0.0.1")
            .cname("shop.example.com", shopRegional)
            .start()) {
      JsonNode none =
          Poll.until(
              Duration.ofSeconds(15),
              () -> json(doctor(dns, "shop.example.com", "--json")),
              r -> r.at("/tls/servedChain/0/subject").asText().equals("CN=shop.example.com"));
      assertThat(none.get("exitCode").asInt()).isEqualTo(1);
      assertThat(none.get("mappings")).isEmpty();
      assertThat(
              finding(
                      none,
                      "WARN",
                      "shop.example.com has no base path mappings: every request to https://"
                          + "shop.example.com:"
                          + turnpike.httpsPort()
                          + "/ gets 403 Forbidden")
                  .get("article")
                  .asText())
          .isEqualTo("custom-domain-base-path-403");

      aws.json(
          "create-base-path-mapping",
          "--domain-name",
          "shop.example.com",
          "--rest-api-id",
          apiId,
          "--stage",
          "dev",
          "--base-path",
          "orders");
      ExplainIT.Run run = doctor(dns, "shop.example.com", "--path", "/customers/7");
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(1);
      assertThat(run.out())
          .contains(
              "orders               -> "
                  + apiId
                  + "/dev   https://shop.example.com:"
                  + turnpike.httpsPort()
                  + "/orders/...")
          .contains(
              "[WARN] /customers/7 matches no base path mapping of shop.example.com: 403 Forbidden")
          .contains("read: turnpike kb show custom-domain-base-path-403")
          .contains("No (none) mapping: only paths under [/orders/] reach an API");
      ExplainIT.Run mapped = doctor(dns, "shop.example.com", "--path", "/orders/pets");
      assertThat(mapped.exit()).as(mapped.out()).isZero();
      assertThat(mapped.out())
          .contains(
              "[OK] /orders/pets -> base path orders -> API "
                  + apiId
                  + " stage dev, resource path /pets");
    }
  }
}
