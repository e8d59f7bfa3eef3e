package dev.turnpike.control.apigatewayv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.HttpAuthorizer;
import dev.turnpike.model.HttpIntegration;
import dev.turnpike.model.HttpRoute;
import dev.turnpike.routing.RouteKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * CreateRoute, GetRoute(s), UpdateRoute, DeleteRoute. Route keys are checked by {@link RouteKey}
 * (one parser for control and data plane) and unique per API; {@code JWT} and {@code CUSTOM} routes
 * name an authorizer of the API; {@code target} names an integration of the API. Messages marked
 * [UNCONF] in docs/architecture.md.
 */
final class RouteOperations {
  private static final Set<String> AUTH_TYPES = Set.of("NONE", "AWS_IAM", "CUSTOM", "JWT");
  private final HttpApiRepository repo;

  RouteOperations(HttpApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/apis/{apiId}/routes", this::create)
        .add("GET", "/v2/apis/{apiId}/routes", this::list)
        .add("GET", "/v2/apis/{apiId}/routes/{routeId}", this::get)
        .add("PATCH", "/v2/apis/{apiId}/routes/{routeId}", this::update)
        .add("DELETE", "/v2/apis/{apiId}/routes/{routeId}", this::delete);
  }

  static void checkRouteKey(String routeKey) {
    if (RouteKey.parse(routeKey) == null) {
      throw ApiException.badRequest(
          "Invalid route key: "
              + routeKey
              + " (expected $default or a method (ANY, GET, POST, PUT, PATCH, DELETE, HEAD,"
              + " OPTIONS) and a path starting with '/', with a greedy {name+} only last)");
    }
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("apiId");
    repo.api(account, apiId);
    HttpRoute route = read(call, apiId, Ids.random(7), null);
    repo.commit(account, apiId, List.of(write(account, apiId, route)), true);
    return Bodies.json(201, route);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("apiId");
    repo.api(call.accountId(), apiId);
    List<HttpRoute> all =
        repo.list(call.accountId(), Kinds.HTTP_ROUTE, apiId, HttpRoute.class).stream()
            .sorted(Comparator.comparing(HttpRoute::routeKey))
            .toList();
    return Bodies.json(200, V2Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, route(call));
  }

  private ControlResponse update(ApiCall call) {
    HttpRoute current = route(call);
    String apiId = call.path("apiId");
    HttpRoute route = read(call, apiId, current.routeId(), current);
    repo.commit(call.accountId(), apiId, List.of(write(call.accountId(), apiId, route)), true);
    return Bodies.json(200, route);
  }

  private ControlResponse delete(ApiCall call) {
    HttpRoute r = route(call);
    String apiId = call.path("apiId");
    repo.commit(
        call.accountId(),
        apiId,
        List.of(
            dev.turnpike.store.Write.delete(
                HttpApiRepository.key(call.accountId(), Kinds.HTTP_ROUTE, apiId, r.routeId()))),
        true);
    return ControlResponse.empty(204);
  }

  private HttpRoute route(ApiCall call) {
    return repo.child(
        call.accountId(),
        Kinds.HTTP_ROUTE,
        call.path("apiId"),
        call.path("routeId"),
        HttpRoute.class,
        "Route");
  }

  private static dev.turnpike.store.Write write(String account, String apiId, HttpRoute r) {
    return HttpApiRepository.put(
        HttpApiRepository.key(account, Kinds.HTTP_ROUTE, apiId, r.routeId()), r);
  }

  /** The route the request describes, over {@code current} for an update. */
  @SuppressWarnings("unchecked")
  private HttpRoute read(ApiCall call, String apiId, String routeId, @Nullable HttpRoute current) {
    ObjectNode body = call.body();
    String account = call.accountId();
    String routeKey =
        current == null
            ? Bodies.requiredString(body, "routeKey")
            : HttpApiOperations.orElse(Bodies.string(body, "routeKey"), current.routeKey());
    checkRouteKey(routeKey);
    for (HttpRoute other : repo.list(account, Kinds.HTTP_ROUTE, apiId, HttpRoute.class)) {
      if (other.routeKey().equals(routeKey) && !other.routeId().equals(routeId)) {
        throw ApiException.conflict("Route with key " + routeKey + " already exists for this API");
      }
    }
    String authType =
        HttpApiOperations.orElse(
            Bodies.string(body, "authorizationType"),
            current == null ? "NONE" : current.authorizationType());
    if (!AUTH_TYPES.contains(authType)) {
      throw ApiException.badRequest(
          "Invalid authorization type " + authType + ": expected NONE, AWS_IAM, CUSTOM or JWT");
    }
    String authorizerId =
        body.has("authorizerId")
            ? Bodies.string(body, "authorizerId")
            : current == null ? null : current.authorizerId();
    boolean needsAuthorizer = authType.equals("JWT") || authType.equals("CUSTOM");
    if (needsAuthorizer) {
      if (authorizerId == null) {
        throw ApiException.badRequest(
            "AuthorizerId must be specified for authorization type " + authType);
      }
      String named = authorizerId;
      HttpAuthorizer a =
          repo.find(account, Kinds.HTTP_AUTHORIZER, apiId, named, HttpAuthorizer.class)
              .orElseThrow(
                  () ->
                      ApiException.badRequest("Invalid authorizer identifier specified " + named));
      String expected = authType.equals("JWT") ? "JWT" : "REQUEST";
      if (!a.authorizerType().equals(expected)) {
        throw ApiException.badRequest(
            "Authorization type "
                + authType
                + " requires an authorizer of type "
                + expected
                + "; authorizer "
                + authorizerId
                + " is "
                + a.authorizerType());
      }
    } else {
      authorizerId = null;
    }
    List<String> scopes =
        body.has("authorizationScopes")
            ? Bodies.stringList(body, "authorizationScopes")
            : current == null ? null : current.authorizationScopes();
    String target =
        body.has("target")
            ? Bodies.string(body, "target")
            : current == null ? null : current.target();
    if (target != null && !target.isEmpty()) {
      String integrationId =
          target.startsWith("integrations/") ? target.substring("integrations/".length()) : "";
      if (repo.find(account, Kinds.HTTP_INTEGRATION, apiId, integrationId, HttpIntegration.class)
          .isEmpty()) {
        throw ApiException.badRequest(
            "Invalid target "
                + target
                + ": expected integrations/{integrationId} of an integration of this API");
      }
    } else {
      target = null;
    }
    Boolean keyRequired = Bodies.bool(body, "apiKeyRequired");
    JsonNode params = body.get("requestParameters");
    Map<String, Object> requestParameters =
        params != null && params.isObject()
            ? Documents.MAPPER.convertValue(params, Map.class)
            : current == null ? null : current.requestParameters();
    return new HttpRoute(
        routeId,
        routeKey,
        authType,
        authorizerId,
        scopes,
        keyRequired != null ? keyRequired : current != null && current.apiKeyRequired(),
        body.has("operationName")
            ? Bodies.string(body, "operationName")
            : current == null ? null : current.operationName(),
        requestParameters,
        target,
        current == null ? null : current.apiGatewayManaged());
  }
}
