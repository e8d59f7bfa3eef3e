package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.Deployment;
import dev.turnpike.model.Method;
import dev.turnpike.model.Resource;
import dev.turnpike.model.Stage;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * CreateDeployment, GetDeployment, GetDeployments, UpdateDeployment, DeleteDeployment.
 *
 * <p>Implementation notes: CreateDeployment freezes the API — settings, resource tree with methods
 * and integrations, customized gateway responses — into a {@link DeployedApi} document beside the
 * {@link Deployment}, in the same commit as the stage it creates or repoints; stages serve that
 * frozen copy, so later edits need a new deployment, as in AWS
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-deployments.html). {@code
 * apiSummary} is stored and shown only with {@code embed=apisummary}, the one embed GetDeployment
 * supports (botocore {@code GetDeploymentRequest.embed}). Deleting a deployment a stage uses is
 * refused with AWS's text (quoted in many Terraform reports of that error).
 */
final class DeploymentOperations {
  private static final PatchApplier PATCHES =
      PatchApplier.listing().allow("/description", Kind.STRING);

  private final ApiRepository repo;

  DeploymentOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String item = "/restapis/{restapi_id}/deployments/{deployment_id}";
    routes
        .add("POST", "/restapis/{restapi_id}/deployments", this::create)
        .add("GET", "/restapis/{restapi_id}/deployments", this::list)
        .add("GET", item, this::get)
        .add("PATCH", item, this::update)
        .add("DELETE", item, this::delete);
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("restapi_id");
    DeployedApi draft = repo.draft(account, apiId);
    ObjectNode body = call.body();
    String stageName = Bodies.string(body, "stageName");
    Map<String, String> variables = Bodies.stringMap(body, "variables");
    if (stageName != null) {
      StageOperations.validateName(stageName);
    }
    StageVariables.validate(variables);
    Map<String, Map<String, Deployment.MethodSnapshot>> summary = summarize(draft.resources());
    long now = repo.context().nowSeconds();
    Deployment d = new Deployment(Ids.shortId(), Bodies.string(body, "description"), now, summary);
    List<Write> writes = new ArrayList<>();
    writes.add(
        Write.create(ApiRepository.deploymentKey(account, apiId, d.id()), Documents.write(d)));
    writes.add(
        Write.create(ApiRepository.deployedApiKey(account, apiId, d.id()), Documents.write(draft)));
    if (stageName != null) {
      writes.add(stageWrite(account, apiId, stageName, d.id(), body, variables, now));
    }
    repo.context().commit(writes);
    return ControlResponse.json(201, render(d, false).toString());
  }

  private Write stageWrite(
      String account,
      String apiId,
      String stageName,
      String deploymentId,
      ObjectNode body,
      @Nullable Map<String, String> variables,
      long now) {
    Optional<Stage> existing =
        repo.context()
            .store()
            .get(ApiRepository.stageKey(account, apiId, stageName))
            .map(doc -> Documents.read(doc, Stage.class));
    Stage s;
    if (existing.isPresent()) {
      Stage old = existing.get();
      Map<String, String> merged =
          old.variables() == null ? new TreeMap<>() : new TreeMap<>(old.variables());
      if (variables != null) {
        merged.putAll(variables);
      }
      StageVariables.validate(merged);
      s =
          new Stage(
              old.stageName(),
              deploymentId,
              old.description(),
              old.clientCertificateId(),
              old.cacheClusterEnabled(),
              old.cacheClusterStatus(),
              old.methodSettings(),
              merged.isEmpty() ? null : merged,
              old.documentationVersion(),
              old.accessLogSettings(),
              old.tracingEnabled(),
              old.tags(),
              old.createdDate(),
              now);
    } else {
      Boolean cache = Bodies.bool(body, "cacheClusterEnabled");
      Boolean tracing = Bodies.bool(body, "tracingEnabled");
      s =
          StageOperations.newStage(
              stageName,
              deploymentId,
              Bodies.string(body, "stageDescription"),
              variables,
              cache != null && cache,
              tracing != null && tracing,
              null,
              null,
              now);
    }
    return Write.put(ApiRepository.stageKey(account, apiId, stageName), Documents.write(s));
  }

  /**
   * path → method → snapshot; refuses an API without methods or with a method lacking an
   * integration.
   */
  private static Map<String, Map<String, Deployment.MethodSnapshot>> summarize(
      List<Resource> resources) {
    Map<String, Map<String, Deployment.MethodSnapshot>> summary = new TreeMap<>();
    for (Resource r : resources) {
      if (r.resourceMethods() == null) {
        continue;
      }
      for (Map.Entry<String, Method> e : r.resourceMethods().entrySet()) {
        if (e.getValue().methodIntegration() == null) {
          throw ApiException.badRequest("No integration defined for method");
        }
        summary
            .computeIfAbsent(r.path(), p -> new TreeMap<>())
            .put(
                e.getKey(),
                new Deployment.MethodSnapshot(
                    e.getValue().authorizationType(), e.getValue().apiKeyRequired()));
      }
    }
    if (summary.isEmpty()) {
      throw ApiException.badRequest("The REST API doesn't contain any methods");
    }
    return summary;
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    List<Deployment> all =
        new ArrayList<>(repo.list(call.accountId(), Kinds.DEPLOYMENT, apiId, Deployment.class));
    all.sort(Comparator.comparingLong(Deployment::createdDate).thenComparing(Deployment::id));
    Page<Deployment> page = Page.of(all, call);
    ObjectNode out = Documents.MAPPER.createObjectNode();
    ArrayNode items = out.putArray("item");
    page.item().forEach(d -> items.add(render(d, false)));
    if (page.position() != null) {
      out.put("position", page.position());
    }
    return ControlResponse.json(200, out.toString());
  }

  private ControlResponse get(ApiCall call) {
    Deployment d =
        repo.deployment(call.accountId(), call.path("restapi_id"), call.path("deployment_id"));
    boolean summary = false;
    for (String e : call.queryAll("embed")) {
      for (String part : e.split(",")) {
        summary |= part.trim().equals("apisummary");
      }
    }
    return ControlResponse.json(200, render(d, summary).toString());
  }

  private ControlResponse update(ApiCall call) {
    String apiId = call.path("restapi_id");
    Deployment d = repo.deployment(call.accountId(), apiId, call.path("deployment_id"));
    Deployment updated =
        Bodies.patch(
            d,
            Deployment.class,
            PATCHES,
            PatchOperation.listFrom(call.body(), "updateDeploymentInput"));
    repo.context()
        .commit(
            List.of(
                Write.put(
                    ApiRepository.deploymentKey(call.accountId(), apiId, d.id()),
                    Documents.write(updated))));
    return ControlResponse.json(200, render(updated, false).toString());
  }

  private ControlResponse delete(ApiCall call) {
    String apiId = call.path("restapi_id");
    Deployment d = repo.deployment(call.accountId(), apiId, call.path("deployment_id"));
    for (Stage s : repo.list(call.accountId(), Kinds.STAGE, apiId, Stage.class)) {
      if (s.deploymentId().equals(d.id())) {
        throw ApiException.badRequest(
            "Active stages pointing to this deployment must be moved or deleted");
      }
    }
    repo.context()
        .commit(
            List.of(
                Write.delete(ApiRepository.deploymentKey(call.accountId(), apiId, d.id())),
                Write.delete(ApiRepository.deployedApiKey(call.accountId(), apiId, d.id()))));
    return ControlResponse.empty(202);
  }

  private static ObjectNode render(Deployment d, boolean withSummary) {
    ObjectNode node = Documents.MAPPER.valueToTree(d);
    if (!withSummary) {
      node.remove("apiSummary");
    }
    return node;
  }
}
