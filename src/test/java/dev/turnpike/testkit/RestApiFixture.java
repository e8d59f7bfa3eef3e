package dev.turnpike.testkit;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.apigateway.ApiGatewayClient;
import software.amazon.awssdk.services.apigateway.model.CreateRestApiResponse;
import software.amazon.awssdk.services.apigateway.model.IntegrationType;

/**
 * Builds the REST APIs end-to-end tests use as fixtures through the AWS SDK for Java v2, one call
 * per AWS operation and no subprocess: for the tests whose subject is not the control plane itself
 * (those drive the real AWS CLI).
 *
 * <pre>{@code
 * String id = RestApiFixture.create(sdk, "pets").mock("GET", "/pets/{id}", "{\"pet\": \"$input.params('id')\"}")
 *     .deploy("dev");
 * }</pre>
 */
public final class RestApiFixture {
  /** The request template of a MOCK integration that answers 200. */
  public static final String MOCK_200 = "{\"statusCode\": 200}";

  private final ApiGatewayClient sdk;
  private final String id;
  private final Map<String, String> resourceIds = new HashMap<>();

  private RestApiFixture(ApiGatewayClient sdk, CreateRestApiResponse api) {
    this.sdk = sdk;
    this.id = api.id();
    resourceIds.put("/", api.rootResourceId());
  }

  /** CreateRestApi named {@code name}. */
  public static RestApiFixture create(ApiGatewayClient sdk, String name) {
    requireNonNull(sdk, "sdk");
    requireNonNull(name, "name");
    return new RestApiFixture(sdk, sdk.createRestApi(r -> r.name(name)));
  }

  /**
   * CreateRestApi named {@code name} with the resource policy {@code policy} (a JSON policy
   * document).
   */
  public static RestApiFixture create(ApiGatewayClient sdk, String name, String policy) {
    requireNonNull(sdk, "sdk");
    requireNonNull(name, "name");
    requireNonNull(policy, "policy");
    return new RestApiFixture(sdk, sdk.createRestApi(r -> r.name(name).policy(policy)));
  }

  /** The API's id. */
  public String id() {
    return id;
  }

  /** The id of the resource at {@code path} ({@code /a/{b}}), created with its missing parents. */
  public String resource(String path) {
    requireNonNull(path, "path");
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path: " + path + " (expected: starts with /)");
    }
    String known = resourceIds.get(path);
    if (known != null) {
      return known;
    }
    int slash = path.lastIndexOf('/');
    String parent = resource(slash == 0 ? "/" : path.substring(0, slash));
    String created =
        sdk.createResource(
                r -> r.restApiId(id).parentId(parent).pathPart(path.substring(slash + 1)))
            .id();
    resourceIds.put(path, created);
    return created;
  }

  /**
   * {@code verb path} without authorization → MOCK 200 rendering {@code responseTemplate}; see the
   * next method.
   */
  public RestApiFixture mock(String verb, String path, String responseTemplate) {
    return mock(verb, path, "NONE", responseTemplate);
  }

  /**
   * {@code verb path} with {@code authorizationType}, no API key → MOCK 200; see the next method.
   */
  public RestApiFixture mock(
      String verb, String path, String authorizationType, String responseTemplate) {
    return mock(verb, path, authorizationType, false, responseTemplate);
  }

  /**
   * {@code verb path} with {@code authorizationType} ({@code NONE}, {@code AWS_IAM}), requiring an
   * API key or not → a MOCK integration answering 200 whose one integration response renders {@code
   * responseTemplate} (as {@code application/json}): PutMethod, PutIntegration, PutMethodResponse,
   * PutIntegrationResponse, as the developer guide's mock example does.
   */
  public RestApiFixture mock(
      String verb,
      String path,
      String authorizationType,
      boolean apiKeyRequired,
      String responseTemplate) {
    requireNonNull(verb, "verb");
    requireNonNull(authorizationType, "authorizationType");
    requireNonNull(responseTemplate, "responseTemplate");
    String resource = resource(path);
    sdk.putMethod(
        r ->
            r.restApiId(id)
                .resourceId(resource)
                .httpMethod(verb)
                .authorizationType(authorizationType)
                .apiKeyRequired(apiKeyRequired));
    sdk.putIntegration(
        r ->
            r.restApiId(id)
                .resourceId(resource)
                .httpMethod(verb)
                .type(IntegrationType.MOCK)
                .requestTemplates(Map.of("application/json", MOCK_200)));
    sdk.putMethodResponse(
        r -> r.restApiId(id).resourceId(resource).httpMethod(verb).statusCode("200"));
    sdk.putIntegrationResponse(
        r ->
            r.restApiId(id)
                .resourceId(resource)
                .httpMethod(verb)
                .statusCode("200")
                .responseTemplates(Map.of("application/json", responseTemplate)));
    return this;
  }

  /** CreateDeployment with a new stage {@code stage}; returns the API's id. */
  public String deploy(String stage) {
    requireNonNull(stage, "stage");
    sdk.createDeployment(r -> r.restApiId(id).stageName(stage));
    return id;
  }
}
