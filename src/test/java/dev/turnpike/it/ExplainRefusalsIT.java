package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.auth.sigv4.SigV4Request;
import dev.turnpike.auth.sigv4.SigV4Signer;
import dev.turnpike.testkit.RestApiFixture;
import dev.turnpike.tls.CertifiedKey;
import dev.turnpike.tls.KeyAlgorithm;
import dev.turnpike.tls.LocalCa;
import dev.turnpike.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * {@code turnpike explain} for three refusals whose story needs more than the cause: a
 * cross-account call that only the resource policy allows (spec 5.2 table B, C66), a key whose
 * quota is used up (spec 2.4), and a custom domain path no base path mapping matches (spec 3.3,
 * C73); plus the throttle buckets and mapping of requests that passed.
 */
class ExplainRefusalsIT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static String accountA;
  static String accountB;
  static String apiId;
  static String openApi;
  static String[] carol;
  static final String KEY = "explainQuotaKey0123456789abcdefghijKLMNO";

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    accountA = turnpike.endpoints().accountId();
    ExplainIT.Run b =
        ExplainIT.turnpikeCli(
            "account", "create", "--name", "b", "--data-dir", turnpike.dataDir().toString());
    assertThat(b.exit()).as(b.err()).isZero();
    accountB = b.out().trim();
    // carol in account B has no identity policy at all.
    aws.runService("iam", "--profile", "b", "create-user", "--user-name", "carol");
    JsonNode key =
        AwsCli.JSON
            .readTree(
                aws.runService("iam", "--profile", "b", "create-access-key", "--user-name", "carol")
                    .stdout())
            .get("AccessKey");
    carol = new String[] {key.get("AccessKeyId").asText(), key.get("SecretAccessKey").asText()};

    // The APIs are fixtures, built through the SDK.
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      apiId =
          RestApiFixture.create(
                  sdk,
                  "explained-more",
                  "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":"
                      + "\"AllowCarolFromB\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                      + accountB
                      + ":user/carol\"},\"Action\":\"execute-api:Invoke\",\"Resource\":\"execute-api:/*\"}]}")
              .mock("GET", "/iam", "AWS_IAM", false, "ok")
              .deploy("dev");
      // A second API without a resource policy (which would guard NONE methods too) for keys and
      // the domain.
      openApi =
          RestApiFixture.create(sdk, "explained-open")
              .mock("GET", "/keyed", "NONE", true, "ok")
              .mock("GET", "/pets", "NONE", false, "ok")
              .deploy("dev");
    }

    String keyId =
        aws.json("create-api-key", "--name", "quota", "--enabled", "--value", KEY)
            .get("id")
            .asText();
    String plan =
        aws.json(
                "create-usage-plan",
                "--name",
                "two-a-day",
                "--api-stages",
                "apiId=" + openApi + ",stage=dev",
                "--throttle",
                "burstLimit=50,rateLimit=100",
                "--quota",
                "limit=2,period=DAY")
            .get("id")
            .asText();
    aws.json(
        "create-usage-plan-key",
        "--usage-plan-id",
        plan,
        "--key-id",
        keyId,
        "--key-type",
        "API_KEY");
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  private static String explain(RawHttp.Response r, String... mentions) throws Exception {
    String id = r.header("x-amzn-RequestId");
    assertThat(id).isNotNull();
    ExplainIT.Run run =
        ExplainIT.turnpikeCli("explain", id, "--data-dir", turnpike.dataDir().toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Request " + id)
        .contains("status " + r.status())
        .contains(mentions);
    return run.out();
  }

  @Test
  void crossAccountCallAllowedOnlyByTheResourcePolicy_namesTableBTheStatementAndTheArticle()
      throws Exception {
    String host = Invoke.host(apiId, turnpike.httpPort());
    SigV4Request signed =
        new SigV4Signer(carol[0], carol[1], null)
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
        Poll.until(
            Duration.ofSeconds(10),
            () ->
                RawHttp.exchange(
                    turnpike.httpPort(),
                    RawHttp.request("GET", "/dev/iam", host, null, headers.toArray(String[]::new))),
            x -> x.bodyText().contains("is not authorized"));
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText())
        .isEqualTo(
            "{\"Message\":\"User: arn:aws:iam::"
                + accountB
                + ":user/carol is not authorized to perform: execute-api:Invoke on resource:"
                + " arn:aws:execute-api:us-east-1:********"
                + accountA.substring(8)
                + ":"
                + apiId
                + "/dev/GET/iam because no identity-based policy allows the "
                + "execute-api:Invoke action\"}");
    String story =
        explain(
            r,
            "caller: arn:aws:iam::" + accountB + ":user/carol",
            "no identity policy of the caller allows execute-api:Invoke on this resource",
            "cross-account (table B: both the caller's identity policy and the resource policy must"
                + " allow)",
            "resource policy statement that decided: AllowCarolFromB",
            "turnpike kb show cross-account-403");
    assertThat(story).doesNotContain(carol[1]);
  }

  @Test
  void quotaUsedUp_showsUsedLimitPeriodAndTheBucketsChecked() throws Exception {
    RawHttp.Response first =
        Poll.until(
            Duration.ofSeconds(10),
            () -> Invoke.hostStyle(turnpike, openApi, "GET", "/dev/keyed", null, "x-api-key", KEY),
            x -> x.status() == 200);
    explain(
        first,
        "usage plan, per key: rate 100.00 requests/s, burst 50, 49 tokens left",
        "account: rate 10000.00 requests/s, burst 5000",
        "quota: 1 used of 2 per DAY, 1 remaining");
    assertThat(
            Invoke.hostStyle(turnpike, openApi, "GET", "/dev/keyed", null, "x-api-key", KEY)
                .status())
        .isEqualTo(200);
    RawHttp.Response refused =
        Invoke.hostStyle(turnpike, openApi, "GET", "/dev/keyed", null, "x-api-key", KEY);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.bodyText()).isEqualTo("{\"message\":\"Limit Exceeded\"}");
    String story =
        explain(
            refused,
            "the usage plan's quota for this key is used up",
            "allows 2 requests per DAY",
            "quota: 2 used of 2 per DAY, 0 remaining",
            "usage plan, per key: rate 100.00 requests/s, burst 50",
            "turnpike kb show quota-limit-exceeded-429");
    assertThat(story)
        .doesNotContain(KEY)
        .contains("*".repeat(KEY.length() - 6) + KEY.substring(KEY.length() - 6));

    ExplainIT.Run json =
        ExplainIT.turnpikeCli(
            "explain",
            refused.header("x-amzn-RequestId"),
            "--json",
            "--data-dir",
            turnpike.dataDir().toString());
    JsonNode record = AwsCli.JSON.readTree(json.out());
    assertThat(record.at("/quota/used").asInt()).isEqualTo(2);
    assertThat(record.at("/quota/remaining").asInt()).isZero();
    assertThat(record.at("/quota/period").asText()).isEqualTo("DAY");
    assertThat(record.at("/throttles/0/level").asText()).isEqualTo("usage-plan-key");
    assertThat(record.at("/throttles/0/burst").asInt()).isEqualTo(50);
    assertThat(record.at("/throttles/1/level").asText()).isEqualTo("account");
  }

  @Test
  void customDomainPathWithoutABasePathMapping_namesTheDomainAndTheArticle() throws Exception {
    LocalCa ca =
        LocalCa.loadOrCreate(
            Files.createDirectories(tmp.resolve("external-ca")), Clock.systemUTC());
    CertifiedKey k =
        ca.issue(List.of("shop.example.com"), KeyAlgorithm.EC_prime256v1, Duration.ofDays(90));
    String arn = AcmIT.importCert(aws, AcmIT.files(tmp, "shop", k, Pem.encode(ca.certificate())));
    aws.json(
        "create-domain-name",
        "--domain-name",
        "shop.example.com",
        "--regional-certificate-arn",
        arn,
        "--endpoint-configuration",
        "types=REGIONAL");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        "shop.example.com",
        "--rest-api-id",
        openApi,
        "--stage",
        "dev",
        "--base-path",
        "orders");
    SSLContext trust = Tls.trusting(ca.certificateFile());
    RawHttp.Response mapped =
        Poll.until(
            Duration.ofSeconds(10),
            () -> get(trust, "/orders/pets"),
            x -> x != null && x.status() == 200);
    explain(
        mapped,
        "custom domain: shop.example.com",
        "base path mapping: orders -> API " + openApi + ", stage dev",
        "matched: GET /pets");

    RawHttp.Response r = get(trust, "/customers");
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    explain(
        r,
        "addressing: custom domain",
        "custom domain: shop.example.com",
        "base path mapping: none matched /customers",
        "no base path mapping of the custom domain matches the path",
        "turnpike kb show custom-domain-base-path-403");
  }

  private static RawHttp.Response get(SSLContext trust, String path) throws Exception {
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trust, "shop.example.com")) {
      c.send(RawHttp.request("GET", path, "shop.example.com", null));
      return c.read();
    } catch (java.io.IOException e) {
      return null; // the certificate is not served yet
    }
  }
}
