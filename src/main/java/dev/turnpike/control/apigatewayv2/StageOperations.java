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
import dev.turnpike.model.HttpDeployment;
import dev.turnpike.model.HttpStage;
import dev.turnpike.model.HttpStage.RouteSettings;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CreateStage, GetStage(s), UpdateStage, DeleteStage and the deployments (CreateDeployment,
 * GetDeployment(s), DeleteDeployment) of HTTP APIs. A stage created with {@code autoDeploy} is
 * deployed at once; CreateDeployment with {@code stageName} moves that stage to it.
 */
final class StageOperations {
  private static final Pattern STAGE_NAME = Pattern.compile("\\$default|[A-Za-z0-9_-]{1,128}");
  private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private final HttpApiRepository repo;

  StageOperations(HttpApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/v2/apis/{apiId}/stages", this::create)
        .add("GET", "/v2/apis/{apiId}/stages", this::list)
        .add("GET", "/v2/apis/{apiId}/stages/{stageName}", this::get)
        .add("PATCH", "/v2/apis/{apiId}/stages/{stageName}", this::update)
        .add("DELETE", "/v2/apis/{apiId}/stages/{stageName}", this::delete)
        .add("POST", "/v2/apis/{apiId}/deployments", this::deploy)
        .add("GET", "/v2/apis/{apiId}/deployments", this::deployments)
        .add("GET", "/v2/apis/{apiId}/deployments/{deploymentId}", this::deployment)
        .add("DELETE", "/v2/apis/{apiId}/deployments/{deploymentId}", this::deleteDeployment);
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("apiId");
    repo.api(account, apiId);
    ObjectNode body = call.body();
    String name = Bodies.requiredString(body, "stageName");
    if (!STAGE_NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "Invalid stage name "
              + name
              + ": letters, digits, '-' and '_' (at most 128), or $default");
    }
    if (repo.find(account, Kinds.HTTP_STAGE, apiId, name, HttpStage.class).isPresent()) {
      throw ApiException.conflict("Stage " + name + " already exists");
    }
    String now = repo.now();
    HttpStage stage = read(call, name, null, now);
    List<Write> writes = new ArrayList<>();
    if (stage.autoDeploy()) {
      String id = Ids.shortId();
      writes.addAll(
          repo.deploymentWrites(
              account, apiId, id, null, true, repo.freeze(account, apiId, List.of())));
      stage = stage.withDeployment(id, now, HttpApiRepository.deployedMessage(id));
    }
    writes.add(Write.create(stageKey(account, apiId, name), Documents.write(stage)));
    repo.context().commit(writes);
    return Bodies.json(201, stage);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("apiId");
    repo.api(call.accountId(), apiId);
    return Bodies.json(
        200,
        V2Page.of(repo.list(call.accountId(), Kinds.HTTP_STAGE, apiId, HttpStage.class), call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, stage(call));
  }

  private ControlResponse update(ApiCall call) {
    HttpStage current = stage(call);
    String account = call.accountId();
    String apiId = call.path("apiId");
    String now = repo.now();
    HttpStage stage = read(call, current.stageName(), current, now);
    List<Write> writes = new ArrayList<>();
    if (stage.autoDeploy() && !current.autoDeploy()) {
      // Turning autoDeploy on deploys the current configuration at once.
      String id = Ids.shortId();
      writes.addAll(
          repo.deploymentWrites(
              account, apiId, id, null, true, repo.freeze(account, apiId, List.of())));
      stage = stage.withDeployment(id, now, HttpApiRepository.deployedMessage(id));
    }
    writes.add(HttpApiRepository.put(stageKey(account, apiId, stage.stageName()), stage));
    repo.context().commit(writes);
    return Bodies.json(200, stage);
  }

  private ControlResponse delete(ApiCall call) {
    HttpStage s = stage(call);
    repo.context()
        .commit(
            List.of(Write.delete(stageKey(call.accountId(), call.path("apiId"), s.stageName()))));
    return ControlResponse.empty(204);
  }

  private ControlResponse deploy(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("apiId");
    repo.api(account, apiId);
    ObjectNode body = call.body();
    String stageName = Bodies.string(body, "stageName");
    HttpStage stage = null;
    if (stageName != null) {
      stage =
          repo.find(account, Kinds.HTTP_STAGE, apiId, stageName, HttpStage.class)
              .orElseThrow(
                  () -> ApiException.notFound("Invalid stage identifier specified " + stageName));
    }
    String id = Ids.shortId();
    List<Write> writes =
        new ArrayList<>(
            repo.deploymentWrites(
                account,
                apiId,
                id,
                Bodies.string(body, "description"),
                false,
                repo.freeze(account, apiId, List.of())));
    if (stage != null) {
      writes.add(
          HttpApiRepository.put(
              stageKey(account, apiId, stage.stageName()),
              stage.withDeployment(id, repo.now(), HttpApiRepository.deployedMessage(id))));
    }
    repo.context().commit(writes);
    return Bodies.json(
        201,
        repo.find(account, Kinds.HTTP_DEPLOYMENT, apiId, id, HttpDeployment.class).orElseThrow());
  }

  private ControlResponse deployments(ApiCall call) {
    String apiId = call.path("apiId");
    repo.api(call.accountId(), apiId);
    return Bodies.json(
        200,
        V2Page.of(
            repo.list(call.accountId(), Kinds.HTTP_DEPLOYMENT, apiId, HttpDeployment.class), call));
  }

  private ControlResponse deployment(ApiCall call) {
    return Bodies.json(
        200,
        repo.child(
            call.accountId(),
            Kinds.HTTP_DEPLOYMENT,
            call.path("apiId"),
            call.path("deploymentId"),
            HttpDeployment.class,
            "Deployment"));
  }

  private ControlResponse deleteDeployment(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("apiId");
    HttpDeployment d =
        repo.child(
            account,
            Kinds.HTTP_DEPLOYMENT,
            apiId,
            call.path("deploymentId"),
            HttpDeployment.class,
            "Deployment");
    for (HttpStage s : repo.list(account, Kinds.HTTP_STAGE, apiId, HttpStage.class)) {
      if (d.deploymentId().equals(s.deploymentId())) {
        throw ApiException.badRequest(
            "Active stages pointing to this deployment must be moved or deleted");
      }
    }
    repo.context()
        .commit(
            List.of(
                Write.delete(
                    HttpApiRepository.key(account, Kinds.HTTP_DEPLOYMENT, apiId, d.deploymentId())),
                Write.delete(
                    HttpApiRepository.key(
                        account, Kinds.HTTP_DEPLOYED_API, apiId, d.deploymentId()))));
    return ControlResponse.empty(204);
  }

  private HttpStage stage(ApiCall call) {
    return repo.child(
        call.accountId(),
        Kinds.HTTP_STAGE,
        call.path("apiId"),
        call.path("stageName"),
        HttpStage.class,
        "Stage");
  }

  private static dev.turnpike.store.DocumentKey stageKey(
      String account, String apiId, String name) {
    return HttpApiRepository.key(account, Kinds.HTTP_STAGE, apiId, name);
  }

  /** The stage the request describes, over {@code current} for an update. */
  private HttpStage read(ApiCall call, String name, @Nullable HttpStage current, String now) {
    ObjectNode body = call.body();
    String account = call.accountId();
    String apiId = call.path("apiId");
    String deploymentId =
        body.has("deploymentId")
            ? Bodies.string(body, "deploymentId")
            : current == null ? null : current.deploymentId();
    if (deploymentId != null
        && (current == null || !deploymentId.equals(current.deploymentId()))
        && repo.find(account, Kinds.HTTP_DEPLOYMENT, apiId, deploymentId, HttpDeployment.class)
            .isEmpty()) {
      throw ApiException.badRequest("Invalid deployment identifier specified " + deploymentId);
    }
    Boolean auto = Bodies.bool(body, "autoDeploy");
    Map<String, String> variables =
        body.has("stageVariables")
            ? checkVariables(Bodies.stringMap(body, "stageVariables"))
            : current == null ? null : current.stageVariables();
    RouteSettings defaults =
        body.has("defaultRouteSettings")
            ? routeSettings(body.get("defaultRouteSettings"), "defaultRouteSettings")
            : current == null ? null : current.defaultRouteSettings();
    Map<String, RouteSettings> perRoute =
        body.has("routeSettings")
            ? perRoute(body.get("routeSettings"))
            : current == null ? null : current.routeSettings();
    HttpStage.AccessLogSettings logs =
        body.has("accessLogSettings")
            ? convert(
                body.get("accessLogSettings"),
                HttpStage.AccessLogSettings.class,
                "accessLogSettings")
            : current == null ? null : current.accessLogSettings();
    return new HttpStage(
        name,
        deploymentId,
        body.has("description")
            ? Bodies.string(body, "description")
            : current == null ? null : current.description(),
        auto != null ? auto : current != null && current.autoDeploy(),
        variables,
        defaults,
        perRoute,
        logs,
        current == null ? null : current.clientCertificateId(),
        current == null ? null : current.lastDeploymentStatusMessage(),
        current == null ? null : current.apiGatewayManaged(),
        current == null ? now : current.createdDate(),
        now,
        current == null ? Bodies.stringMap(body, "tags") : current.tags());
  }

  private static @Nullable Map<String, String> checkVariables(@Nullable Map<String, String> vars) {
    if (vars != null) {
      for (String k : vars.keySet()) {
        if (!VARIABLE_NAME.matcher(k).matches()) {
          throw ApiException.badRequest(
              "Invalid stage variable name " + k + ": letters, digits and '_', at most 64");
        }
      }
    }
    return vars;
  }

  private static @Nullable RouteSettings routeSettings(@Nullable JsonNode n, String member) {
    RouteSettings s = convert(n, RouteSettings.class, member);
    if (s != null
        && ((s.throttlingBurstLimit() != null && s.throttlingBurstLimit() < 0)
            || (s.throttlingRateLimit() != null && s.throttlingRateLimit() < 0))) {
      throw ApiException.badRequest(member + ": throttling limits must not be negative");
    }
    return s;
  }

  private static @Nullable Map<String, RouteSettings> perRoute(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw ApiException.badRequest("Invalid value for routeSettings: expected a map");
    }
    Map<String, RouteSettings> out = new LinkedHashMap<>();
    n.fields()
        .forEachRemaining(
            e -> out.put(e.getKey(), routeSettings(e.getValue(), "routeSettings." + e.getKey())));
    return out;
  }

  private static <T> @Nullable T convert(@Nullable JsonNode n, Class<T> type, String member) {
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      return Documents.MAPPER.treeToValue(n, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw ApiException.badRequest("Invalid value for " + member);
    }
  }
}
