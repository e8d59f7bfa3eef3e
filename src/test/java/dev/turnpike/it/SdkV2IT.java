package dev.turnpike.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.ApiGatewayException;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.GetRestApisResponse;
import software.amazon.awssdk.services.apigateway.model.GetStageResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;
import software.amazon.awssdk.services.apigateway.model.NotFoundException;
import software.amazon.awssdk.services.apigateway.model.Op;
import software.amazon.awssdk.services.apigateway.model.PatchOperation;
import software.amazon.awssdk.services.apigateway.model.Resource;
import software.amazon.awssdk.services.apigateway.model.RestApi;

/**
 * The control plane through the AWS SDK for Java v2 (SigV4 by the SDK, REST-JSON shapes, error
 * mapping).
 */
class SdkV2IT {
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path tmp;

  static TurnpikeProcess turnpike;
  static ApiGatewayClient sdk;
  static ApiGatewayClient patching;

  @BeforeAll
  static void start() throws Exception {
    turnpike = TurnpikeProcess.start(tmp.resolve("data"));
    TurnpikeProcess.Credentials c = turnpike.credentials();
    sdk = client(c.accessKeyId(), c.secretAccessKey());
    patching = patchingClient(c.accessKeyId(), c.secretAccessKey());
  }

  /**
   * A client with the URL-connection HTTP client, except that HttpURLConnection cannot send PATCH,
   * so calls that use it (UpdateStage) go through {@link #patchingClient}.
   */
  static ApiGatewayClient client(String key, String secret) {
    return ApiGatewayClient.builder()
        .endpointOverride(URI.create("http://localhost:" + turnpike.adminPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  static ApiGatewayClient patchingClient(String key, String secret) {
    return ApiGatewayClient.builder()
        .endpointOverride(URI.create("http://localhost:" + turnpike.adminPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
        .httpClient(Apache5HttpClient.create())
        .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
        .build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (sdk != null) {
      sdk.close();
    }
    if (patching != null) {
      patching.close();
    }
    if (turnpike != null) {
      turnpike.close();
    }
  }

  @Test
  void configureAndDeploy_mockWithStageVariable_servedAndStageReadable() throws Exception {
    CreateRestApiResponse api =
        sdk.createRestApi(r -> r.name("sdk-api").description("made by SDK v2"));
    List<Resource> resources = sdk.getResources(r -> r.restApiId(api.id())).items();
    assertThat(resources)
        .singleElement()
        .satisfies(
            root -> {
              assertThat(root.path()).isEqualTo("/");
              assertThat(root.id()).isEqualTo(api.rootResourceId());
            });
    String hello =
        sdk.createResource(
                r -> r.restApiId(api.id()).parentId(api.rootResourceId()).pathPart("hello"))
            .id();
    sdk.putMethod(
        r -> r.restApiId(api.id()).resourceId(hello).httpMethod("GET").authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(hello)
                .httpMethod("GET")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    sdk.putMethodResponse(
        r -> r.restApiId(api.id()).resourceId(hello).httpMethod("GET").statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(api.id())
                .resourceId(hello)
                .httpMethod("GET")
                .statusCode("200")
                .responseTemplates(Map.of("application/json", "{\"x\": \"$stageVariables.x\"}")));
    String deployment = sdk.createDeployment(r -> r.restApiId(api.id()).stageName("v1")).id();

    GetStageResponse stage = sdk.getStage(r -> r.restApiId(api.id()).stageName("v1"));
    assertThat(stage.deploymentId()).isEqualTo(deployment);
    assertThat(stage.variables()).isEmpty();

    patching.updateStage(
        r ->
            r.restApiId(api.id())
                .stageName("v1")
                .patchOperations(
                    PatchOperation.builder()
                        .op(Op.REPLACE)
                        .path("/variables/x")
                        .value("blue")
                        .build()));
    assertThat(sdk.getStage(r -> r.restApiId(api.id()).stageName("v1")).variables())
        .containsExactly(Map.entry("x", "blue"));

    // Stage variables are stage settings, not part of the deployment: the served MOCK sees the new
    // value.
    RawHttp.Response served =
        Poll.until(
            Duration.ofSeconds(5),
            () -> Invoke.hostStyle(turnpike, api.id(), "GET", "/v1/hello", null),
            r -> r.bodyText().equals("{\"x\": \"blue\"}"));
    assertThat(served.status()).isEqualTo(200);
  }

  @Test
  void getRestApis_limitAndPosition_pagesThroughEveryApiOnce() {
    Set<String> made = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      int n = i;
      made.add(sdk.createRestApi(r -> r.name("page-" + n)).id());
    }
    List<String> seen = new ArrayList<>();
    String position = null;
    int pages = 0;
    do {
      String p = position;
      GetRestApisResponse page = sdk.getRestApis(r -> r.limit(2).position(p));
      assertThat(page.items().size()).isLessThanOrEqualTo(2);
      page.items().stream().map(RestApi::id).forEach(seen::add);
      position = page.position();
      pages++;
    } while (position != null && pages < 100);

    assertThat(seen).doesNotHaveDuplicates().containsAll(made);
    assertThat(pages).isEqualTo((seen.size() + 1) / 2);
    assertThat(sdk.getRestApisPaginator(r -> r.limit(2)).items().stream().map(RestApi::id).toList())
        .containsExactlyElementsOf(seen);
  }

  @Test
  void deleteRestApi_existing_goneFromControlAndDataPlane() throws Exception {
    CreateRestApiResponse api = sdk.createRestApi(r -> r.name("short-lived"));
    sdk.putMethod(
        r ->
            r.restApiId(api.id())
                .resourceId(api.rootResourceId())
                .httpMethod("GET")
                .authorizationType("NONE"));
    sdk.putIntegration(
        r ->
            r.restApiId(api.id())
                .resourceId(api.rootResourceId())
                .httpMethod("GET")
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", "{\"statusCode\": 200}")));
    sdk.putMethodResponse(
        r ->
            r.restApiId(api.id())
                .resourceId(api.rootResourceId())
                .httpMethod("GET")
                .statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(api.id())
                .resourceId(api.rootResourceId())
                .httpMethod("GET")
                .statusCode("200")
                .responseTemplates(Map.of("application/json", "root")));
    sdk.createDeployment(r -> r.restApiId(api.id()).stageName("s"));
    Poll.until(
        Duration.ofSeconds(5),
        () -> Invoke.hostStyle(turnpike, api.id(), "GET", "/s/", null),
        r -> r.status() == 200);

    sdk.deleteRestApi(r -> r.restApiId(api.id()));

    assertThatThrownBy(() -> sdk.getRestApi(r -> r.restApiId(api.id())))
        .isInstanceOf(NotFoundException.class);
    RawHttp.Response gone =
        Poll.until(
            Duration.ofSeconds(5),
            () -> Invoke.hostStyle(turnpike, api.id(), "GET", "/s/", null),
            r -> r.status() == 403);
    // C04 / spec 1.5: unknown API → Forbidden
    assertThat(gone.bodyText()).isEqualTo("{\"message\":\"Forbidden\"}");
  }

  @Test
  void getRestApi_unknownId_throwsNotFoundWithAwsMessage() {
    assertThatThrownBy(() -> sdk.getRestApi(r -> r.restApiId("nosuchapi0")))
        .isInstanceOfSatisfying(
            NotFoundException.class,
            e -> {
              // AWS: "Invalid API identifier specified {account}:{id}" (spec 6.12 error shapes)
              assertThat(e.statusCode()).isEqualTo(404);
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotFoundException");
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo(
                      "Invalid API identifier specified "
                          + turnpike.endpoints().accountId()
                          + ":nosuchapi0");
            });
  }

  @Test
  void anyCall_wrongSecret_sdkSeesSignatureMismatch() throws Exception {
    try (ApiGatewayClient bad =
        client(turnpike.credentials().accessKeyId(), "wrong-secret-wrong-secret")) {
      assertThatThrownBy(() -> bad.getRestApis(r -> r.limit(1)))
          .isInstanceOfSatisfying(
              ApiGatewayException.class,
              e -> {
                // spec 4.3/4.4: 403 InvalidSignatureException, "The request signature we calculated
                // does not match..."
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith(
                        "The request signature we calculated does not match the signature you"
                            + " provided.");
              });
    }
  }

  @Test
  void anyCall_unknownAccessKey_sdkSeesUnrecognizedClient() {
    try (ApiGatewayClient bad = client("AKIAUNKNOWNUNKNOWN00", "whatever-secret")) {
      assertThatThrownBy(() -> bad.getRestApis(r -> r.limit(1)))
          .isInstanceOfSatisfying(
              ApiGatewayException.class,
              e -> {
                // spec 4.3 row 12
                assertThat(e.statusCode()).isEqualTo(403);
                assertThat(e.awsErrorDetails().errorCode())
                    .isEqualTo("UnrecognizedClientException");
                assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("The security token included in the request is invalid.");
              });
    }
  }

  @Test
  void unsignedRequest_controlPlane_returnsMissingAuthenticationToken() throws Exception {
    HttpResponse<String> r =
        Invoke.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + turnpike.adminPort() + "/restapis"))
                .GET()
                .build());

    // spec 4.3 row 1: no signature → 403 MissingAuthenticationTokenException
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("x-amzn-ErrorType"))
        .hasValue("MissingAuthenticationTokenException");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"message\":\"Missing Authentication Token\"}");
  }
}
