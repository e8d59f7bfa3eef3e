package dev.turnpike.control.apigatewayv2;

import static dev.turnpike.control.apigateway.ControlPlaneFixture.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.turnpike.control.apigateway.ControlPlaneFixture;
import dev.turnpike.control.apigateway.ControlPlaneFixture.Reply;
import dev.turnpike.model.AcmCertificate;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * apigatewayv2 domain names and API mappings over a real store, through the route table the runtime
 * builds: v2 shapes, AWS's errors, and one set of domains and mappings shared with v1 (spec
 * 3.1-3.3; https://docs.aws.amazon.com/apigateway/latest/developerguide/rest-api-mappings.html).
 */
class ApiMappingOperationsTest {
  static final String NOW = "2024-05-01T10:00:00Z"; // the fixture's clock

  @TempDir Path dir;
  ControlPlaneFixture cp;
  String api1;
  String api2;
  String cert;

  @BeforeEach
  void setUp() {
    cp = new ControlPlaneFixture(dir);
    api1 = deployedApi("dev");
    api2 = deployedApi("prod");
    cert =
        certificate(
            "c1",
            List.of("api.example.com", "*.example.com"),
            Instant.parse(NOW).plusSeconds(86400));
  }

  @AfterEach
  void tearDown() {
    cp.close();
  }

  private String deployedApi(String stage) {
    String[] ids = cp.newApi();
    cp.mockMethod(ids[0], ids[1]);
    cp.call("POST", "/restapis/" + ids[0] + "/deployments", "{\"stageName\":\"" + stage + "\"}")
        .ok(201);
    return ids[0];
  }

  /**
   * An ACM certificate document as the acm operations store it (only names and validity matter
   * here).
   */
  private String certificate(String id, List<String> names, Instant notAfter) {
    String arn = "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/" + id;
    AcmCertificate c =
        new AcmCertificate(
            arn,
            "AMAZON_ISSUED",
            names.get(0),
            names,
            "pem",
            "",
            "key",
            "EC_prime256v1",
            "SHA256WITHECDSA",
            "01",
            "CN=" + names.get(0),
            "CN=ca",
            Instant.parse(NOW).minusSeconds(86400).toEpochMilli(),
            notAfter.toEpochMilli(),
            0,
            null,
            0L,
            null,
            1);
    cp.store.commit(
        List.of(
            Write.create(DocumentKey.of(ACCOUNT, Kinds.ACM_CERTIFICATE, id), Documents.write(c))));
    return arn;
  }

  private Reply createDomain(String name, String certArn, String extra) {
    return cp.call(
        "POST",
        "/v2/domainnames",
        "{\"domainName\":\""
            + name
            + "\",\"domainNameConfigurations\":[{"
            + "\"certificateArn\":\""
            + certArn
            + "\""
            + extra
            + "}]}");
  }

  private Reply createMapping(String domain, String key, String apiId, String stage) {
    return cp.call(
        "POST",
        "/v2/domainnames/" + domain + "/apimappings",
        "{"
            + (key == null ? "" : "\"apiMappingKey\":\"" + key + "\",")
            + "\"apiId\":\""
            + apiId
            + "\",\"stage\":\""
            + stage
            + "\"}");
  }

  @Test
  void createDomainName_answersV2Shape_andIsTheSameDomainThroughV1() {
    JsonNode d = createDomain("api.example.com", cert, "").ok(201);
    assertThat(d.get("apiMappingSelectionExpression").asText()).isEqualTo("$request.basepath");
    assertThat(d.get("domainName").asText()).isEqualTo("api.example.com");
    JsonNode c = d.get("domainNameConfigurations").get(0);
    assertThat(c.get("apiGatewayDomainName").asText())
        .matches("d-[a-z0-9]{10}\\.execute-api\\.us-east-1\\.localhost");
    assertThat(c.get("certificateArn").asText()).isEqualTo(cert);
    assertThat(c.get("certificateUploadDate").asText()).isEqualTo(NOW);
    assertThat(c.get("endpointType").asText()).isEqualTo("REGIONAL");
    assertThat(c.get("hostedZoneId").asText()).isEqualTo("Z1UJRXOUMOOFQ8");
    assertThat(c.get("securityPolicy").asText()).isEqualTo("TLS_1_2");
    assertThat(c.get("domainNameStatus").asText()).isEqualTo("AVAILABLE");
    JsonNode v1 = cp.call("GET", "/domainnames/api.example.com").ok(200);
    assertThat(v1.get("regionalDomainName").asText())
        .isEqualTo(c.get("apiGatewayDomainName").asText());
    assertThat(v1.get("regionalCertificateArn").asText()).isEqualTo(cert);
    assertThat(v1.at("/endpointConfiguration/types/0").asText()).isEqualTo("REGIONAL");
    assertThat(cp.call("GET", "/v2/domainnames").ok(200).get("items")).hasSize(1);
  }

  @Test
  void createDomainName_certificateProblems_areBadRequest() {
    Reply unknown =
        createDomain(
            "api.example.com", "arn:aws:acm:us-east-1:" + ACCOUNT + ":certificate/nope", "");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorType()).isEqualTo("BadRequestException");
    assertThat(unknown.message()).contains("not found in ACM");
    Reply uncovered = createDomain("api.other.org", cert, "");
    assertThat(uncovered.status()).isEqualTo(400);
    assertThat(uncovered.message()).contains("does not cover the domain name api.other.org");
    String expired =
        certificate("old", List.of("old.example.com"), Instant.parse(NOW).minusSeconds(1));
    Reply notIssued = createDomain("old.example.com", expired, "");
    assertThat(notIssued.status()).isEqualTo(400);
    assertThat(notIssued.message())
        .contains("is EXPIRED; a custom domain needs an ISSUED certificate");
    Reply none = cp.call("POST", "/v2/domainnames", "{\"domainName\":\"api.example.com\"}");
    assertThat(none.message())
        .isEqualTo("A certificate was not provided for the endpoint type REGIONAL.");
  }

  @Test
  void createDomainName_existingInV1OrV2_isConflict() {
    cp.call(
            "POST",
            "/domainnames",
            "{\"domainName\":\"api.example.com\",\"regionalCertificateArn\":\""
                + cert
                + "\",\"endpointConfiguration\":{\"types\":[\"REGIONAL\"]}}")
        .ok(201);
    Reply dup = createDomain("api.example.com", cert, "");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("ConflictException");
    assertThat(dup.message()).isEqualTo("The domain name you provided already exists.");
  }

  @Test
  void edgeDomain_isReadableButNotManagedThroughV2() {
    cp.call(
            "POST",
            "/domainnames",
            "{\"domainName\":\"edge.example.com\",\"certificateArn\":\"" + cert + "\"}")
        .ok(201);
    JsonNode c =
        cp.call("GET", "/v2/domainnames/edge.example.com")
            .ok(200)
            .get("domainNameConfigurations")
            .get(0);
    assertThat(c.get("endpointType").asText()).isEqualTo("EDGE");
    assertThat(c.get("hostedZoneId").asText()).isEqualTo("Z2FDTNDATAQYW2");
    assertThat(c.get("apiGatewayDomainName").asText()).endsWith(".cloudfront.net");
    Reply mapping = createMapping("edge.example.com", "v1", api1, "dev");
    assertThat(mapping.status()).isEqualTo(400);
    assertThat(mapping.message())
        .startsWith("Only REGIONAL domain names can be managed through the API Gateway V2");
    Reply edge = createDomain("e2.example.com", cert, ",\"endpointType\":\"EDGE\"");
    assertThat(edge.status()).isEqualTo(400);
    assertThat(edge.message()).isEqualTo(V2DomainNameOperations.REGIONAL_ONLY);
  }

  @Test
  void apiMappings_multiLevel_areListedByV1_andV1MappingsByV2() {
    createDomain("api.example.com", cert, "").ok(201);
    JsonNode created = createMapping("api.example.com", "orders/v2/items", api2, "prod").ok(201);
    assertThat(created.get("apiMappingId").asText()).matches("[a-z0-9]{10}");
    assertThat(created.get("apiMappingKey").asText()).isEqualTo("orders/v2/items");
    assertThat(created.get("apiId").asText()).isEqualTo(api2);
    assertThat(created.get("stage").asText()).isEqualTo("prod");
    cp.call(
            "POST",
            "/domainnames/api.example.com/basepathmappings",
            "{\"restApiId\":\"" + api1 + "\",\"stage\":\"dev\"}")
        .ok(201);
    JsonNode v1 =
        cp.call("GET", "/domainnames/api.example.com/basepathmappings").ok(200).get("item");
    assertThat(v1)
        .extracting(m -> m.get("basePath").asText())
        .containsExactly("(none)", "orders/v2/items");
    assertThat(v1.get(1).has("apiMappingId")).isFalse();
    assertThat(
            cp.call("GET", "/domainnames/api.example.com/basepathmappings/orders%2Fv2%2Fitems")
                .ok(200)
                .get("restApiId")
                .asText())
        .isEqualTo(api2);
    JsonNode v2 =
        cp.call("GET", "/v2/domainnames/api.example.com/apimappings").ok(200).get("items");
    assertThat(v2)
        .extracting(m -> m.get("apiMappingKey").asText())
        .containsExactly("", "orders/v2/items");
    String noneId = v2.get(0).get("apiMappingId").asText();
    assertThat(
            cp.call("GET", "/v2/domainnames/api.example.com/apimappings/" + noneId)
                .ok(200)
                .get("apiId")
                .asText())
        .isEqualTo(api1);
  }

  @Test
  void createApiMapping_duplicateKeyAcrossApis_isConflict() {
    createDomain("api.example.com", cert, "").ok(201);
    cp.call(
            "POST",
            "/domainnames/api.example.com/basepathmappings",
            "{\"basePath\":\"orders\",\"restApiId\":\"" + api1 + "\",\"stage\":\"dev\"}")
        .ok(201);
    Reply dup = createMapping("api.example.com", "orders", api2, "prod");
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.errorType()).isEqualTo("ConflictException");
    createMapping("api.example.com", "", api1, "dev").ok(201);
    assertThat(createMapping("api.example.com", null, api2, "prod").status()).isEqualTo(409);
    Reply v1dup =
        cp.call(
            "POST",
            "/domainnames/api.example.com/basepathmappings",
            "{\"restApiId\":\"" + api2 + "\",\"stage\":\"prod\"}");
    assertThat(v1dup.message())
        .isEqualTo("Only one base path mapping is allowed if the base path is empty.");
  }

  @Test
  void createApiMapping_unknownApiOrStage_areRefused() {
    createDomain("api.example.com", cert, "").ok(201);
    Reply api = createMapping("api.example.com", "x", "nope123456", "dev");
    assertThat(api.status()).isEqualTo(404);
    assertThat(api.errorType()).isEqualTo("NotFoundException");
    assertThat(api.message())
        .isEqualTo("Invalid API identifier specified " + ACCOUNT + ":nope123456");
    Reply stage = createMapping("api.example.com", "x", api1, "prod");
    assertThat(stage.status()).isEqualTo(400);
    assertThat(stage.message()).isEqualTo("Invalid stage identifier specified"); // aws/aws-cdk#8983
    Reply domain = createMapping("nope.example.com", "x", api1, "dev");
    assertThat(domain.status()).isEqualTo(404);
    assertThat(domain.message()).isEqualTo("Invalid domain name identifier specified");
  }

  @Test
  void createApiMapping_invalidKeys_areBadRequest() {
    createDomain("api.example.com", cert, "").ok(201);
    for (String key : List.of("a//b", "/a", "a/", "a b", "a?b", "x".repeat(301))) {
      Reply r = createMapping("api.example.com", key, api1, "dev");
      assertThat(r.status()).as(key).isEqualTo(400);
      assertThat(r.errorType()).isEqualTo("BadRequestException");
      assertThat(r.message()).startsWith("An ApiMapping key may");
    }
    assertThat(createMapping("api.example.com", "$-_.+!*'()/ok", api1, "dev").status())
        .isEqualTo(201);
  }

  @Test
  void multiLevelKeys_needTls12_onCreateAndOnPolicyChange() {
    createDomain("legacy.example.com", cert, ",\"securityPolicy\":\"TLS_1_0\"").ok(201);
    Reply r = createMapping("legacy.example.com", "orders/v1", api1, "dev");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.message()).contains("TLS_1_2");
    assertThat(createMapping("legacy.example.com", "orders", api1, "dev").status()).isEqualTo(201);

    createDomain("api.example.com", cert, "").ok(201);
    createMapping("api.example.com", "orders/v1", api1, "dev").ok(201);
    Reply v1 =
        cp.call(
            "PATCH",
            "/domainnames/api.example.com",
            ControlPlaneFixture.patch("replace", "/securityPolicy", "TLS_1_0"));
    assertThat(v1.status()).isEqualTo(400);
    Reply v2 =
        cp.call(
            "PATCH",
            "/v2/domainnames/api.example.com",
            "{\"domainNameConfigurations\":[{\"securityPolicy\":\"TLS_1_0\"}]}");
    assertThat(v2.status()).isEqualTo(400);
    assertThat(
            cp.call("GET", "/v2/domainnames/api.example.com")
                .ok(200)
                .at("/domainNameConfigurations/0/securityPolicy")
                .asText())
        .isEqualTo("TLS_1_2");
  }

  @Test
  void updateApiMapping_movesTheKeyAndStage_keepingTheId() {
    createDomain("api.example.com", cert, "").ok(201);
    String id =
        createMapping("api.example.com", "orders/v1/items", api1, "dev")
            .ok(201)
            .get("apiMappingId")
            .asText();
    JsonNode u =
        cp.call(
                "PATCH",
                "/v2/domainnames/api.example.com/apimappings/" + id,
                "{\"apiId\":\"" + api2 + "\",\"stage\":\"prod\",\"apiMappingKey\":\"orders/v9\"}")
            .ok(200);
    assertThat(u.get("apiMappingId").asText()).isEqualTo(id);
    assertThat(u.get("apiMappingKey").asText()).isEqualTo("orders/v9");
    JsonNode v1 =
        cp.call("GET", "/domainnames/api.example.com/basepathmappings").ok(200).get("item");
    assertThat(v1)
        .extracting(
            m ->
                m.get("basePath").asText()
                    + "→"
                    + m.get("restApiId").asText()
                    + "/"
                    + m.get("stage").asText())
        .containsExactly("orders/v9→" + api2 + "/prod");
    JsonNode keep =
        cp.call(
                "PATCH",
                "/v2/domainnames/api.example.com/apimappings/" + id,
                "{\"apiId\":\"" + api1 + "\",\"stage\":\"dev\"}")
            .ok(200);
    assertThat(keep.get("apiMappingKey").asText()).isEqualTo("orders/v9");
    Reply missingApi =
        cp.call(
            "PATCH", "/v2/domainnames/api.example.com/apimappings/" + id, "{\"stage\":\"dev\"}");
    assertThat(missingApi.status()).isEqualTo(400);
    Reply unknown = cp.call("GET", "/v2/domainnames/api.example.com/apimappings/zzzzzz");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorType()).isEqualTo("NotFoundException");
  }

  @Test
  void v1Patch_ofAMultiLevelMapping_keepsItsKey() {
    createDomain("api.example.com", cert, "").ok(201);
    createMapping("api.example.com", "orders/v1", api1, "dev").ok(201);
    JsonNode u =
        cp.call(
                "PATCH",
                "/domainnames/api.example.com/basepathmappings/orders%2Fv1",
                "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/restapiId\",\"value\":\""
                    + api2
                    + "\"},"
                    + "{\"op\":\"replace\",\"path\":\"/stage\",\"value\":\"prod\"}]}")
            .ok(200);
    assertThat(u.get("basePath").asText()).isEqualTo("orders/v1");
    assertThat(u.get("restApiId").asText()).isEqualTo(api2);
    Reply toSlash =
        cp.call(
            "PATCH",
            "/domainnames/api.example.com/basepathmappings/orders%2Fv1",
            ControlPlaneFixture.patch("replace", "/basePath", "a/b"));
    assertThat(toSlash.message()).contains("doesn't support the slash character");
  }

  @Test
  void deleteDomainName_v2_removesTheDomainAndEveryMapping() {
    createDomain("api.example.com", cert, "").ok(201);
    createMapping("api.example.com", "orders/v1", api1, "dev").ok(201);
    cp.call(
            "POST",
            "/domainnames/api.example.com/basepathmappings",
            "{\"restApiId\":\"" + api1 + "\",\"stage\":\"dev\"}")
        .ok(201);
    assertThat(cp.call("DELETE", "/v2/domainnames/api.example.com").status()).isEqualTo(204);
    assertThat(cp.store.listKind(Kinds.BASE_PATH_MAPPING)).isEmpty();
    assertThat(cp.store.listKind(Kinds.DOMAIN_NAME)).isEmpty();
    assertThat(cp.call("GET", "/domainnames/api.example.com").status()).isEqualTo(404);
    assertThat(cp.call("GET", "/v2/domainnames/api.example.com/apimappings").status())
        .isEqualTo(404);
  }

  @Test
  void deleteApiMapping_answers204_andV1NoLongerSeesIt() {
    createDomain("api.example.com", cert, "").ok(201);
    String id =
        createMapping("api.example.com", "orders", api1, "dev")
            .ok(201)
            .get("apiMappingId")
            .asText();
    assertThat(cp.call("DELETE", "/v2/domainnames/api.example.com/apimappings/" + id).status())
        .isEqualTo(204);
    assertThat(cp.call("GET", "/domainnames/api.example.com/basepathmappings/orders").status())
        .isEqualTo(404);
  }

  @Test
  void getApiMappings_pagesWithMaxResultsAndNextToken() {
    createDomain("api.example.com", cert, "").ok(201);
    for (String k : List.of("a", "b", "c")) {
      createMapping("api.example.com", k, api1, "dev").ok(201);
    }
    JsonNode p1 =
        cp.call(
                "GET",
                "/v2/domainnames/api.example.com/apimappings",
                "",
                Map.of("maxResults", List.of("2")))
            .ok(200);
    assertThat(p1.get("items")).hasSize(2);
    JsonNode p2 =
        cp.call(
                "GET",
                "/v2/domainnames/api.example.com/apimappings",
                "",
                Map.of(
                    "maxResults", List.of("2"), "nextToken", List.of(p1.get("nextToken").asText())))
            .ok(200);
    assertThat(p2.get("items"))
        .extracting(m -> m.get("apiMappingKey").asText())
        .containsExactly("c");
    assertThat(p2.has("nextToken")).isFalse();
  }

  @Test
  void mappingStoredBeforeV2_getsAStableId_thatSurvivesAKeyChange() {
    createDomain("api.example.com", cert, "").ok(201);
    cp.store.commit(
        List.of(
            Write.create(
                new DocumentKey(ACCOUNT, Kinds.BASE_PATH_MAPPING, "api.example.com", "old"),
                "{\"basePath\":\"old\",\"restApiId\":\"" + api1 + "\",\"stage\":\"dev\"}")));
    String id =
        cp.call("GET", "/v2/domainnames/api.example.com/apimappings")
            .ok(200)
            .at("/items/0/apiMappingId")
            .asText();
    assertThat(
            cp.call("GET", "/v2/domainnames/api.example.com/apimappings")
                .ok(200)
                .at("/items/0/apiMappingId")
                .asText())
        .isEqualTo(id);
    cp.call(
            "PATCH",
            "/v2/domainnames/api.example.com/apimappings/" + id,
            "{\"apiId\":\"" + api1 + "\",\"apiMappingKey\":\"new\"}")
        .ok(200);
    assertThat(
            cp.call("GET", "/v2/domainnames/api.example.com/apimappings/" + id)
                .ok(200)
                .get("apiMappingKey")
                .asText())
        .isEqualTo("new");
  }

  @Test
  void updateBasePathMapping_restapiIdSpelling_retargetsMapping() {
    // The AWS CLI's update-base-path-mapping example patches /restapiId; /restApiId works too.
    createDomain("api.example.com", cert, "").ok(201);
    String mapping = "/domainnames/api.example.com/basepathmappings/v1";
    cp.call(
            "POST",
            "/domainnames/api.example.com/basepathmappings",
            "{\"basePath\":\"v1\",\"restApiId\":\"" + api1 + "\",\"stage\":\"dev\"}")
        .ok(201);
    JsonNode moved =
        cp.call(
                "PATCH",
                mapping,
                "{\"patchOperations\":[{\"op\":\"replace\",\"path\":\"/restapiId\",\"value\":\""
                    + api2
                    + "\"},{\"op\":\"replace\",\"path\":\"/stage\",\"value\":\"prod\"}]}")
            .ok(200);
    assertThat(moved.toString())
        .isEqualTo("{\"basePath\":\"v1\",\"restApiId\":\"" + api2 + "\",\"stage\":\"prod\"}");
  }

  @Test
  void updateBasePathMapping_removeApiIdEitherSpelling_400InvalidRestApi() {
    createDomain("api.example.com", cert, "").ok(201);
    String mapping = "/domainnames/api.example.com/basepathmappings/v1";
    cp.call(
            "POST",
            "/domainnames/api.example.com/basepathmappings",
            "{\"basePath\":\"v1\",\"restApiId\":\"" + api1 + "\"}")
        .ok(201);
    for (String path : List.of("/restapiId", "/restApiId")) {
      Reply r = cp.call("PATCH", mapping, ControlPlaneFixture.patch("remove", path, null));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorType()).isEqualTo("BadRequestException");
      assertThat(r.message()).isEqualTo("Invalid REST API identifier specified");
    }
    Reply unknown = cp.call("PATCH", mapping, ControlPlaneFixture.patch("replace", "/api", "x"));
    assertThat(unknown.message())
        .isEqualTo(
            "Invalid patch path '/api' specified for op 'replace'. Must be one of: [/basePath,"
                + " /restapiId, /restApiId, /stage]");
  }
}
