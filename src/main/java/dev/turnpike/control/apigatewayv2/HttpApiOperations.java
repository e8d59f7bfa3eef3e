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
import dev.turnpike.cors.CorsValidation;
import dev.turnpike.model.HttpApi;
import dev.turnpike.model.HttpDeployment;
import dev.turnpike.model.HttpIntegration;
import dev.turnpike.model.HttpRoute;
import dev.turnpike.model.HttpStage;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * CreateApi (with quick create: {@code target} and {@code routeKey} make the integration, the route
 * and the {@code $default} stage with auto-deploy, all marked {@code apiGatewayManaged}), GetApi,
 * GetApis, UpdateApi, DeleteApi. Only {@code protocolType HTTP}: WebSocket APIs are refused.
 */
final class HttpApiOperations {
  static final String DEFAULT_ROUTE_SELECTION = "$request.method $request.path";
  static final String DEFAULT_API_KEY_SELECTION = "$request.header.x-api-key";
  private final HttpApiRepository repo;
  private final String domainSuffix;

  HttpApiOperations(HttpApiRepository repo, String domainSuffix) {
    this.repo = repo;
    this.domainSuffix = domainSuffix;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/apis", this::create)
        .add("GET", "/v2/apis", this::list)
        .add("GET", "/v2/apis/{apiId}", this::get)
        .add("PATCH", "/v2/apis/{apiId}", this::update)
        .add("DELETE", "/v2/apis/{apiId}", this::delete)
        .add("DELETE", "/v2/apis/{apiId}/cors", this::deleteCors);
  }

  private ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String name = Bodies.requiredString(body, "name");
    String protocol = Bodies.requiredString(body, "protocolType");
    if (!"HTTP".equals(protocol)) {
      throw ApiException.badRequest(
          "WEBSOCKET".equals(protocol)
              ? "Turnpike serves HTTP APIs only; WebSocket APIs are not supported"
              : "Invalid protocolType " + protocol + ": expected HTTP or WEBSOCKET");
    }
    String account = call.accountId();
    String id = Ids.restApiId();
    String routeSelection = Bodies.string(body, "routeSelectionExpression");
    if (routeSelection != null && !DEFAULT_ROUTE_SELECTION.equals(routeSelection)) {
      throw ApiException.badRequest(
          "Unsupported route selection expression for HTTP API: " + routeSelection);
    }
    Boolean disabled = Bodies.bool(body, "disableExecuteApiEndpoint");
    HttpApi api =
        new HttpApi(
            id,
            name,
            "HTTP",
            DEFAULT_ROUTE_SELECTION,
            orElse(Bodies.string(body, "apiKeySelectionExpression"), DEFAULT_API_KEY_SELECTION),
            "https://" + id + ".execute-api." + call.region() + "." + domainSuffix,
            Bodies.string(body, "description"),
            Bodies.string(body, "version"),
            disabled != null && disabled,
            Bodies.bool(body, "disableSchemaValidation"),
            cors(body),
            Bodies.string(body, "ipAddressType"),
            repo.now(),
            Bodies.stringMap(body, "tags"));
    List<Write> writes = new ArrayList<>();
    writes.add(Write.create(HttpApiRepository.apiKey(account, id), Documents.write(api)));
    String target = Bodies.string(body, "target");
    String routeKey = Bodies.string(body, "routeKey");
    if (target == null && routeKey != null) {
      throw ApiException.badRequest("RouteKey can only be specified with Target");
    }
    if (target != null) {
      writes.addAll(quickCreate(call, api, target, routeKey == null ? "$default" : routeKey));
    }
    repo.context().commit(writes);
    return Bodies.json(201, api);
  }

  /**
   * Quick create (CreateApi's {@code target}): an AWS_PROXY integration (payload 2.0) for a Lambda
   * ARN, else HTTP_PROXY with method ANY; the route; the {@code $default} stage, auto-deployed.
   */
  private List<Write> quickCreate(ApiCall call, HttpApi api, String target, String routeKey) {
    String account = call.accountId();
    String apiId = api.apiId();
    RouteOperations.checkRouteKey(routeKey);
    boolean lambda = target.startsWith("arn:");
    String integrationId = Ids.random(7);
    HttpIntegration integration =
        new HttpIntegration(
            integrationId,
            lambda ? "AWS_PROXY" : "HTTP_PROXY",
            target, // HTTP APIs keep a Lambda target as the function ARN given
            lambda ? "POST" : "ANY",
            lambda ? "2.0" : "1.0",
            IntegrationOperations.DEFAULT_TIMEOUT,
            "INTERNET",
            null,
            Bodies.string(call.body(), "credentialsArn"),
            null,
            null,
            null,
            null,
            true);
    HttpRoute route =
        new HttpRoute(
            Ids.random(7),
            routeKey,
            "NONE",
            null,
            null,
            false,
            null,
            null,
            "integrations/" + integrationId,
            true);
    String now = repo.now();
    HttpStage stage =
        new HttpStage(
            "$default", null, null, true, null, null, null, null, null, null, true, now, now, null);
    List<Write> writes = new ArrayList<>();
    writes.add(
        HttpApiRepository.put(
            HttpApiRepository.key(account, Kinds.HTTP_INTEGRATION, apiId, integrationId),
            integration));
    writes.add(
        HttpApiRepository.put(
            HttpApiRepository.key(account, Kinds.HTTP_ROUTE, apiId, route.routeId()), route));
    String deploymentId = Ids.shortId();
    writes.addAll(
        repo.deploymentWrites(
            account,
            apiId,
            deploymentId,
            null,
            true,
            new HttpDeployment.Frozen(api, List.of(route), List.of(integration), List.of())));
    writes.add(
        HttpApiRepository.put(
            HttpApiRepository.key(account, Kinds.HTTP_STAGE, apiId, "$default"),
            stage.withDeployment(
                deploymentId, now, HttpApiRepository.deployedMessage(deploymentId))));
    return writes;
  }

  private ControlResponse list(ApiCall call) {
    List<HttpApi> all =
        repo.apis(call.accountId()).stream()
            .sorted(Comparator.comparing(HttpApi::createdDate).thenComparing(HttpApi::apiId))
            .toList();
    return Bodies.json(200, V2Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, repo.api(call.accountId(), call.path("apiId")));
  }

  /** UpdateApi: members present replace the stored ones; the API is redeployed to auto stages. */
  private ControlResponse update(ApiCall call) {
    HttpApi a = repo.api(call.accountId(), call.path("apiId"));
    ObjectNode body = call.body();
    if (body.has("protocolType") && !"HTTP".equals(Bodies.string(body, "protocolType"))) {
      throw ApiException.badRequest("protocolType cannot be changed");
    }
    Boolean disabled = Bodies.bool(body, "disableExecuteApiEndpoint");
    Map<String, Object> cors = body.has("corsConfiguration") ? cors(body) : a.corsConfiguration();
    HttpApi updated =
        new HttpApi(
            a.apiId(),
            orElse(Bodies.string(body, "name"), a.name()),
            a.protocolType(),
            a.routeSelectionExpression(),
            orElse(Bodies.string(body, "apiKeySelectionExpression"), a.apiKeySelectionExpression()),
            a.apiEndpoint(),
            body.has("description") ? Bodies.string(body, "description") : a.description(),
            body.has("version") ? Bodies.string(body, "version") : a.version(),
            disabled != null ? disabled : a.disableExecuteApiEndpoint(),
            body.has("disableSchemaValidation")
                ? Bodies.bool(body, "disableSchemaValidation")
                : a.disableSchemaValidation(),
            cors,
            a.ipAddressType(),
            a.createdDate(),
            a.tags());
    repo.commit(
        call.accountId(),
        a.apiId(),
        List.of(
            HttpApiRepository.put(HttpApiRepository.apiKey(call.accountId(), a.apiId()), updated)),
        true);
    return Bodies.json(200, updated);
  }

  /** DeleteCorsConfiguration: 204; auto-deployed stages stop answering CORS at once. */
  private ControlResponse deleteCors(ApiCall call) {
    HttpApi a = repo.api(call.accountId(), call.path("apiId"));
    HttpApi updated =
        new HttpApi(
            a.apiId(),
            a.name(),
            a.protocolType(),
            a.routeSelectionExpression(),
            a.apiKeySelectionExpression(),
            a.apiEndpoint(),
            a.description(),
            a.version(),
            a.disableExecuteApiEndpoint(),
            a.disableSchemaValidation(),
            null,
            a.ipAddressType(),
            a.createdDate(),
            a.tags());
    repo.commit(
        call.accountId(),
        a.apiId(),
        List.of(
            HttpApiRepository.put(HttpApiRepository.apiKey(call.accountId(), a.apiId()), updated)),
        true);
    return ControlResponse.empty(204);
  }

  private ControlResponse delete(ApiCall call) {
    HttpApi a = repo.api(call.accountId(), call.path("apiId"));
    repo.context().commit(repo.deleteAll(call.accountId(), a.apiId()));
    return ControlResponse.empty(204);
  }

  /**
   * {@code corsConfiguration} as plain data, checked by the {@code cors} package's rules ({@link
   * CorsValidation}: AWS's refusal of credentials with a {@code *} origin, maxAge -1..86400, …).
   */
  @SuppressWarnings("unchecked")
  static @Nullable Map<String, Object> cors(ObjectNode body) {
    JsonNode n = body.get("corsConfiguration");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw ApiException.badRequest("Invalid value for corsConfiguration: expected an object");
    }
    Map<String, Object> map = Documents.MAPPER.convertValue(n, Map.class);
    try {
      CorsValidation.parse(map);
    } catch (CorsValidation.InvalidCors e) {
      throw ApiException.badRequest(String.valueOf(e.getMessage()));
    }
    return map;
  }

  static String orElse(@Nullable String v, String fallback) {
    return v == null ? fallback : v;
  }
}
