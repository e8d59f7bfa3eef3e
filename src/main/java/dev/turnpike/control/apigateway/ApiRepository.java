package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.Deployment;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.Method;
import dev.turnpike.model.Resource;
import dev.turnpike.model.RestApi;
import dev.turnpike.model.Stage;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** Typed reads of the {@code apigateway} documents of one account, with AWS's not-found errors. */
final class ApiRepository {
  private final ControlContext ctx;

  ApiRepository(ControlContext ctx) {
    this.ctx = ctx;
  }

  ControlContext context() {
    return ctx;
  }

  static DocumentKey apiKey(String account, String apiId) {
    return DocumentKey.of(account, Kinds.REST_API, apiId);
  }

  static DocumentKey resourceKey(String account, String apiId, String resourceId) {
    return new DocumentKey(account, Kinds.RESOURCE, apiId, resourceId);
  }

  RestApi api(String account, String apiId) {
    return ctx.store()
        .get(apiKey(account, apiId))
        .map(d -> Documents.read(d, RestApi.class))
        .orElseThrow(
            () ->
                ApiException.notFound("Invalid API identifier specified " + account + ":" + apiId));
  }

  List<RestApi> apis(String account) {
    List<RestApi> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.REST_API, "")) {
      out.add(Documents.read(d, RestApi.class));
    }
    out.sort(Comparator.comparingLong(RestApi::createdDate).thenComparing(RestApi::id));
    return out;
  }

  Resource resource(String account, String apiId, String resourceId) {
    api(account, apiId);
    return ctx.store()
        .get(resourceKey(account, apiId, resourceId))
        .map(d -> Documents.read(d, Resource.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Resource identifier specified"));
  }

  /** Every resource of the API, ordered by path. */
  List<Resource> resources(String account, String apiId) {
    List<Resource> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.RESOURCE, apiId)) {
      out.add(Documents.read(d, Resource.class));
    }
    out.sort(Comparator.comparing(Resource::path));
    return out;
  }

  /**
   * The API's configuration now, as {@code CreateDeployment} freezes it: settings, resources with
   * their methods and integrations, customized gateway responses (by type), authorizers, models and
   * request validators.
   */
  DeployedApi draft(String account, String apiId) {
    RestApi api = api(account, apiId);
    List<GatewayResponse> responses =
        new ArrayList<>(list(account, Kinds.GATEWAY_RESPONSE, apiId, GatewayResponse.class));
    responses.sort(Comparator.comparing(GatewayResponse::responseType));
    return new DeployedApi(
        api,
        resources(account, apiId),
        responses,
        list(account, Kinds.AUTHORIZER, apiId, dev.turnpike.model.Authorizer.class),
        list(account, Kinds.MODEL, apiId, dev.turnpike.model.Model.class),
        list(account, Kinds.REQUEST_VALIDATOR, apiId, dev.turnpike.model.RequestValidator.class));
  }

  <T> List<T> list(String account, String kind, String apiId, Class<T> type) {
    List<T> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, kind, apiId)) {
      out.add(Documents.read(d, type));
    }
    return out;
  }

  Write putResource(String account, String apiId, Resource r) {
    return Write.put(resourceKey(account, apiId, r.id()), Documents.write(r));
  }

  static DocumentKey stageKey(String account, String apiId, String stageName) {
    return new DocumentKey(account, Kinds.STAGE, apiId, stageName);
  }

  static DocumentKey deploymentKey(String account, String apiId, String deploymentId) {
    return new DocumentKey(account, Kinds.DEPLOYMENT, apiId, deploymentId);
  }

  static DocumentKey deployedApiKey(String account, String apiId, String deploymentId) {
    return new DocumentKey(account, Kinds.DEPLOYED_API, apiId, deploymentId);
  }

  static DocumentKey gatewayResponseKey(String account, String apiId, String responseType) {
    return new DocumentKey(account, Kinds.GATEWAY_RESPONSE, apiId, responseType);
  }

  /**
   * The resource a method operation addresses. AWS answers a missing API here with the resource
   * error too (LocalStack snapshot {@code test_put_method_validation}: "wrong-api").
   */
  private Resource methodResource(String account, String apiId, String resourceId) {
    return ctx.store()
        .get(resourceKey(account, apiId, resourceId))
        .map(d -> Documents.read(d, Resource.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Resource identifier specified"));
  }

  /**
   * The method a call addresses ({@code restapi_id}, {@code resource_id}, {@code http_method}): the
   * resource must exist ("Invalid Resource identifier specified"), the HTTP method must be one AWS
   * knows; the method itself may not.
   */
  MethodAddress address(ApiCall call) {
    String apiId = call.path("restapi_id");
    Resource r = methodResource(call.accountId(), apiId, call.path("resource_id"));
    return new MethodAddress(call.accountId(), apiId, r, MethodOperations.httpMethod(call));
  }

  /** Stores {@code m} at {@code at} (or, when null, removes the method). */
  void saveMethod(MethodAddress at, @Nullable Method m) {
    Map<String, Method> methods =
        at.resource().resourceMethods() == null
            ? new TreeMap<>()
            : new TreeMap<>(at.resource().resourceMethods());
    if (m == null) {
      methods.remove(at.httpMethod());
    } else {
      methods.put(at.httpMethod(), m);
    }
    ctx.commit(List.of(putResource(at.account(), at.apiId(), at.resource().withMethods(methods))));
  }

  /** Where a method lives: its API, its resource (as read) and its HTTP method. */
  record MethodAddress(String account, String apiId, Resource resource, String httpMethod) {
    /** The method, or null when the resource has none for this HTTP method. */
    @Nullable Method find() {
      return resource.resourceMethods() == null ? null : resource.resourceMethods().get(httpMethod);
    }

    /** The method; a missing one is AWS's 404 "Invalid Method identifier specified". */
    Method method() {
      Method m = find();
      if (m == null) {
        throw ApiException.notFound("Invalid Method identifier specified");
      }
      return m;
    }
  }

  Stage stage(String account, String apiId, String stageName) {
    api(account, apiId);
    return ctx.store()
        .get(stageKey(account, apiId, stageName))
        .map(d -> Documents.read(d, Stage.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Stage identifier specified"));
  }

  Deployment deployment(String account, String apiId, String deploymentId) {
    api(account, apiId);
    return ctx.store()
        .get(deploymentKey(account, apiId, deploymentId))
        .map(d -> Documents.read(d, Deployment.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Deployment identifier specified"));
  }
}
