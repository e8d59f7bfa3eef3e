package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.testkit.RestApiFixture;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;

/**
 * apigatewayv2 custom domains and API mappings end to end, driven by the real {@code aws
 * apigatewayv2} CLI: the developer guide's multi-level table (rest-api-mappings.html, spec 3.3 /
 * C74) served over HTTPS with SNI by a certificate requested from Turnpike's ACM, longest prefix
 * first and stripped, AWS's two 403s, an update that moves traffic on the next request, v1 and v2
 * seeing one set of mappings, and a delete that leaves nothing behind.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiMappingsIT {
  static final String DOMAIN = "orders.example.com";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static AwsCli aws;
  static SSLContext trustTurnpike;
  static String certArn;
  static String api1;
  static String api2;
  static String api3;
  static String api4;
  static final Map<String, String> ids = new java.util.HashMap<>();

  @BeforeAll
  static void configure() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    aws = new AwsCli(turnpike);
    trustTurnpike = Tls.trusting(turnpike.endpoints().caFile());
    api1 = api(1, "dev");
    api2 = api(2, "v1");
    api3 = api(3, "live");
    api4 = api(4, "prod");
    certArn =
        aws.acm("request-certificate", "--domain-name", DOMAIN, "--validation-method", "DNS")
            .get("CertificateArn")
            .asText();
    aws.v2(
        "create-domain-name",
        "--domain-name",
        DOMAIN,
        "--domain-name-configurations",
        "CertificateArn=" + certArn + ",EndpointType=REGIONAL,SecurityPolicy=TLS_1_2");
    map("", api1, "dev");
    map("orders/v1/items", api2, "v1");
    map("orders/v2/items", api3, "live");
    map("orders/v2/items/categories", api4, "prod");
  }

  private static void map(String key, String apiId, String stage) throws Exception {
    JsonNode m =
        aws.v2(
            "create-api-mapping",
            "--domain-name",
            DOMAIN,
            "--api-mapping-key",
            key,
            "--api-id",
            apiId,
            "--stage",
            stage);
    ids.put(key, m.get("ApiMappingId").asText());
  }

  /**
   * A REST API answering GET / and GET /{id} (MOCK) with its number and the resource matched (SDK:
   * a fixture).
   */
  static String api(int n, String stage) throws Exception {
    String template = "{\"api\": " + n + ", \"resource\": \"$context.resourcePath\"}";
    try (ApiGatewayClient sdk = Sdk.connect(turnpike)) {
      return RestApiFixture.create(sdk, "api" + n)
          .mock("GET", "/", template)
          .mock("GET", "/{id}", template)
          .deploy(stage);
    }
  }

  @AfterAll
  static void shutDown() throws Exception {
    if (turnpike != null) {
      turnpike.close();
    }
  }

  /**
   * GET over HTTPS to 127.0.0.1 with SNI and Host {@code host} (names under .example.com do not
   * resolve).
   */
  static RawHttp.Response get(String host, String path) throws Exception {
    try (RawHttp c = RawHttp.connectTls(turnpike.httpsPort(), trustTurnpike, host)) {
      c.send(RawHttp.request("GET", path, host, null));
      return c.read();
    }
  }

  static String body(String path) throws Exception {
    RawHttp.Response r = get(DOMAIN, path);
    assertThat(r.status()).as(path + ": " + r.bodyText()).isEqualTo(200);
    return r.bodyText();
  }

  @Test
  @Order(1)
  void createDomainName_v2Shape_withTheRequestedCertificate_andV1SeesTheSameDomain()
      throws Exception {
    JsonNode d = aws.v2("get-domain-name", "--domain-name", DOMAIN);
    assertThat(d.get("ApiMappingSelectionExpression").asText()).isEqualTo("$request.basepath");
    JsonNode c = d.get("DomainNameConfigurations").get(0);
    assertThat(c.get("CertificateArn").asText()).isEqualTo(certArn);
    assertThat(c.get("EndpointType").asText()).isEqualTo("REGIONAL");
    assertThat(c.get("SecurityPolicy").asText()).isEqualTo("TLS_1_2");
    assertThat(c.get("DomainNameStatus").asText()).isEqualTo("AVAILABLE");
    assertThat(c.get("HostedZoneId").asText()).isEqualTo("Z1UJRXOUMOOFQ8");
    JsonNode v1 = aws.json("get-domain-name", "--domain-name", DOMAIN);
    assertThat(v1.get("regionalDomainName").asText())
        .isEqualTo(c.get("ApiGatewayDomainName").asText())
        .matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.localhost");
    assertThat(v1.get("regionalCertificateArn").asText()).isEqualTo(certArn);
    assertThat(
            Tls.handshake(turnpike.httpsPort(), trustTurnpike, DOMAIN)
                .peer()
                .getSubjectX500Principal()
                .getName())
        .isEqualTo("CN=" + DOMAIN);
  }

  @Test
  @Order(2)
  void longestMappingWins_andItsPrefixIsStripped() throws Exception {
    // The developer guide's table (rest-api-mappings.html, "Routing API requests"; spec C74).
    assertThat(body("/orders/v1/items")).isEqualTo("{\"api\": 2, \"resource\": \"/\"}");
    assertThat(body("/orders/v2/items")).isEqualTo("{\"api\": 3, \"resource\": \"/\"}");
    assertThat(body("/orders/v1/items/123")).isEqualTo("{\"api\": 2, \"resource\": \"/{id}\"}");
    assertThat(body("/orders/v2/items/categories/5"))
        .isEqualTo("{\"api\": 4, \"resource\": \"/{id}\"}");
    assertThat(body("/customers")).isEqualTo("{\"api\": 1, \"resource\": \"/{id}\"}");
    assertThat(body("/")).isEqualTo("{\"api\": 1, \"resource\": \"/\"}");
  }

  @Test
  @Order(3)
  void matchedPrefixWithoutResource_isMissingAuthenticationToken() throws Exception {
    RawHttp.Response r = get(DOMAIN, "/orders/v1/items/123/reviews"); // API 2 has no /{id}/reviews
    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  @Order(4)
  void noMatchingMapping_isForbidden() throws Exception {
    String arn =
        aws.acm("request-certificate", "--domain-name", "shop.example.com")
            .get("CertificateArn")
            .asText();
    aws.v2(
        "create-domain-name",
        "--domain-name",
        "shop.example.com",
        "--domain-name-configurations",
        "CertificateArn=" + arn);
    aws.v2(
        "create-api-mapping",
        "--domain-name",
        "shop.example.com",
        "--api-mapping-key",
        "orders/v1/items",
        "--api-id",
        api2,
        "--stage",
        "v1");
    assertThat(get("shop.example.com", "/orders/v1/items/7").bodyText())
        .isEqualTo("{\"api\": 2, \"resource\": \"/{id}\"}");
    RawHttp.Response miss =
        get("shop.example.com", "/orders/v1/item"); // a partial segment matches nothing
    assertThat(miss.status()).isEqualTo(403);
    assertThat(miss.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  @Order(5)
  void v1AndV2_seeOneSetOfMappings() throws Exception {
    JsonNode v1 = aws.json("get-base-path-mappings", "--domain-name", DOMAIN).get("items");
    assertThat(v1)
        .extracting(
            m ->
                m.get("basePath").asText()
                    + " "
                    + m.get("restApiId").asText()
                    + " "
                    + m.get("stage").asText())
        .containsExactly(
            "(none) " + api1 + " dev",
            "orders/v1/items " + api2 + " v1",
            "orders/v2/items " + api3 + " live",
            "orders/v2/items/categories " + api4 + " prod");
    aws.json(
        "create-base-path-mapping",
        "--domain-name",
        DOMAIN,
        "--base-path",
        "shop",
        "--rest-api-id",
        api4,
        "--stage",
        "prod");
    JsonNode v2 = aws.v2("get-api-mappings", "--domain-name", DOMAIN).get("Items");
    JsonNode shop = null;
    for (JsonNode m : v2) {
      if (m.get("ApiMappingKey").asText().equals("shop")) {
        shop = m;
      }
    }
    assertThat(shop).isNotNull();
    assertThat(shop.get("ApiId").asText()).isEqualTo(api4);
    assertThat(
            aws.v2(
                    "get-api-mapping",
                    "--domain-name",
                    DOMAIN,
                    "--api-mapping-id",
                    shop.get("ApiMappingId").asText())
                .get("Stage")
                .asText())
        .isEqualTo("prod");
    assertThat(body("/shop/1")).isEqualTo("{\"api\": 4, \"resource\": \"/{id}\"}");
    AwsCli.Result slash =
        aws.run(
            "create-base-path-mapping",
            "--domain-name",
            DOMAIN,
            "--base-path",
            "a/b",
            "--rest-api-id",
            api1,
            "--stage",
            "dev");
    assertThat(slash.stderr()).contains("(BadRequestException)").contains("use API Gateway V2");
  }

  @Test
  @Order(6)
  void refusals_inAwsWords() throws Exception {
    AwsCli.Result dup =
        aws.runService(
            "apigatewayv2",
            "create-api-mapping",
            "--domain-name",
            DOMAIN,
            "--api-mapping-key",
            "orders/v2/items",
            "--api-id",
            api1,
            "--stage",
            "dev");
    assertThat(dup.stderr()).contains("(ConflictException)");
    AwsCli.Result badKey =
        aws.runService(
            "apigatewayv2",
            "create-api-mapping",
            "--domain-name",
            DOMAIN,
            "--api-mapping-key",
            "orders//x",
            "--api-id",
            api1,
            "--stage",
            "dev");
    assertThat(badKey.stderr())
        .contains("(BadRequestException)")
        .contains("An ApiMapping key may contain only");
    AwsCli.Result stage =
        aws.runService(
            "apigatewayv2",
            "create-api-mapping",
            "--domain-name",
            DOMAIN,
            "--api-mapping-key",
            "x",
            "--api-id",
            api1,
            "--stage",
            "nope");
    assertThat(stage.stderr())
        .contains("(BadRequestException)")
        .contains("Invalid stage identifier specified");
    AwsCli.Result uncovered =
        aws.runService(
            "apigatewayv2",
            "create-domain-name",
            "--domain-name",
            "other.example.org",
            "--domain-name-configurations",
            "CertificateArn=" + certArn);
    assertThat(uncovered.stderr()).contains("(BadRequestException)").contains("does not cover");
    AwsCli.Result exists =
        aws.runService(
            "apigatewayv2",
            "create-domain-name",
            "--domain-name",
            DOMAIN,
            "--domain-name-configurations",
            "CertificateArn=" + certArn);
    assertThat(exists.stderr()).contains("(ConflictException)");
  }

  @Test
  @Order(7)
  void updateApiMapping_movesTrafficOnTheNextRequest() throws Exception {
    assertThat(body("/orders/v1/items/9")).startsWith("{\"api\": 2,");
    JsonNode u =
        aws.v2(
            "update-api-mapping",
            "--domain-name",
            DOMAIN,
            "--api-mapping-id",
            ids.get("orders/v1/items"),
            "--api-id",
            api3,
            "--stage",
            "live");
    assertThat(u.get("ApiMappingKey").asText()).isEqualTo("orders/v1/items");
    assertThat(body("/orders/v1/items/9")).isEqualTo("{\"api\": 3, \"resource\": \"/{id}\"}");
    aws.v2(
        "update-api-mapping",
        "--domain-name",
        DOMAIN,
        "--api-mapping-id",
        ids.get("orders/v1/items"),
        "--api-id",
        api3,
        "--api-mapping-key",
        "orders/v3/items");
    assertThat(body("/orders/v3/items/9")).isEqualTo("{\"api\": 3, \"resource\": \"/{id}\"}");
    // The old key now falls to (none) (API 1), which has no /orders/v1/items/9 resource.
    RawHttp.Response old = get(DOMAIN, "/orders/v1/items/9");
    assertThat(old.status()).isEqualTo(403);
    assertThat(old.bodyText()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }

  @Test
  @Order(8)
  void deleteDomainName_leavesNothingBehind() throws Exception {
    // Before: the regional target name routes like the domain (Host-based, default certificate for
    // its SNI).
    String target =
        aws.v2("get-domain-name", "--domain-name", DOMAIN)
            .at("/DomainNameConfigurations/0/" + "ApiGatewayDomainName")
            .asText();
    assertThat(getVia(target, "/orders/v2/items").status()).isEqualTo(200);
    AwsCli.Result del =
        aws.runService("apigatewayv2", "delete-domain-name", "--domain-name", DOMAIN);
    assertThat(del.exitCode()).as(del.stderr()).isZero();
    assertThat(aws.run("get-domain-name", "--domain-name", DOMAIN).stderr())
        .contains("(NotFoundException)");
    assertThat(aws.runService("apigatewayv2", "get-api-mappings", "--domain-name", DOMAIN).stderr())
        .contains("(NotFoundException)");
    assertThat(aws.v2("get-domain-names").get("Items"))
        .extracting(d -> d.get("DomainName").asText())
        .doesNotContain(DOMAIN);
    RawHttp.Response gone = getVia(target, "/orders/v2/items");
    assertThat(gone.status()).isEqualTo(403);
    assertThat(gone.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
    assertThatThrownBy(() -> Tls.handshake(turnpike.httpsPort(), trustTurnpike, DOMAIN))
        .isInstanceOf(
            SSLHandshakeException.class); // the default certificate does not name it any more
    // The name is free again: a new domain with no mappings starts empty.
    aws.v2(
        "create-domain-name",
        "--domain-name",
        DOMAIN,
        "--domain-name-configurations",
        "CertificateArn=" + certArn);
    assertThat(aws.v2("get-api-mappings", "--domain-name", DOMAIN).get("Items")).isEmpty();
    assertThat(aws.json("get-base-path-mappings", "--domain-name", DOMAIN).path("items")).isEmpty();
  }

  /** GET with the execute-api default certificate's SNI and {@code host} as the Host header. */
  static RawHttp.Response getVia(String host, String path) throws Exception {
    try (RawHttp c =
        RawHttp.connectTls(
            turnpike.httpsPort(), trustTurnpike, api1 + ".execute-api.us-east-1.localhost")) {
      c.send(RawHttp.request("GET", path, host, null));
      return c.read();
    }
  }
}
