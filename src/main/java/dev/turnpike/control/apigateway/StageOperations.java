package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.MapEntries;
import dev.turnpike.control.Operation;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Stage;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CreateStage, GetStage, GetStages, UpdateStage, DeleteStage.
 *
 * <p>Implementation notes: a new stage shows {@code methodSettings: {}}, {@code
 * cacheClusterEnabled: false}, {@code cacheClusterStatus: NOT_AVAILABLE} and {@code tracingEnabled:
 * false} (LocalStack snapshot {@code test_get_stages_filters_by_deployment_id}); GetStages answers
 * {@code {"item": [...]}} without paging, the botocore {@code Stages} shape. Method-settings paths
 * are {@link MethodSettingsPatch}'s; variables are checked by {@link StageVariables}.
 */
final class StageOperations {
  static final Pattern STAGE_NAME = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/description", Kind.STRING)
          .allow("/deploymentId", Kind.STRING)
          .allow("/tracingEnabled", Kind.BOOLEAN)
          .allow("/cacheClusterEnabled", Kind.BOOLEAN)
          .allow("/clientCertificateId", Kind.STRING)
          .allow("/documentationVersion", Kind.STRING)
          .allow("/accessLogSettings/format", Kind.STRING)
          .allow("/accessLogSettings/destinationArn", Kind.STRING)
          .unlistedMap("/variables", MapEntries.strings().checked(StageOperations::checkVariable))
          .custom(
              "/accessLogSettings",
              PatchApplier.REMOVE,
              (tree, op, raw) -> tree.remove("accessLogSettings"))
          .custom(
              "/*/*/" + String.join("|", MethodSettingsPatch.GROUPS) + "/*",
              PatchApplier.ANY_OP,
              MethodSettingsPatch::apply)
          .custom("/*/*", PatchApplier.REMOVE, MethodSettingsPatch::apply);

  private final ApiRepository repo;

  StageOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/restapis/{restapi_id}/stages", this::create)
        .add("GET", "/restapis/{restapi_id}/stages", this::list)
        .add("GET", "/restapis/{restapi_id}/stages/{stage_name}", this::get)
        .add("PATCH", "/restapis/{restapi_id}/stages/{stage_name}", this::update)
        .add("DELETE", "/restapis/{restapi_id}/stages/{stage_name}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    ObjectNode body = call.body();
    String name = Bodies.requiredString(body, "stageName");
    String deploymentId = Bodies.requiredString(body, "deploymentId");
    validateName(name);
    repo.deployment(call.accountId(), apiId, deploymentId);
    if (repo.context()
        .store()
        .get(ApiRepository.stageKey(call.accountId(), apiId, name))
        .isPresent()) {
      throw ApiException.conflict("Stage already exists");
    }
    Map<String, String> variables = Bodies.stringMap(body, "variables");
    StageVariables.validate(variables);
    Boolean cache = Bodies.bool(body, "cacheClusterEnabled");
    Boolean tracing = Bodies.bool(body, "tracingEnabled");
    FieldLimits.tags(Bodies.stringMap(body, "tags"));
    Stage s =
        newStage(
            name,
            deploymentId,
            Bodies.string(body, "description"),
            variables,
            cache != null && cache,
            tracing != null && tracing,
            Bodies.stringMap(body, "tags"),
            Bodies.string(body, "documentationVersion"),
            repo.context().nowSeconds());
    repo.context()
        .commit(
            List.of(
                Write.create(
                    ApiRepository.stageKey(call.accountId(), apiId, name), Documents.write(s))));
    return Bodies.json(201, s);
  }

  /** A stage as CreateStage (and CreateDeployment with a new stage name) makes it. */
  static Stage newStage(
      String name,
      String deploymentId,
      @Nullable String description,
      @Nullable Map<String, String> variables,
      boolean cacheClusterEnabled,
      boolean tracingEnabled,
      @Nullable Map<String, String> tags,
      @Nullable String documentationVersion,
      long now) {
    return new Stage(
        name,
        deploymentId,
        description,
        null,
        cacheClusterEnabled,
        cacheStatus(cacheClusterEnabled),
        Map.of(),
        variables == null || variables.isEmpty() ? null : variables,
        documentationVersion,
        null,
        tracingEnabled,
        tags,
        now,
        now);
  }

  static void validateName(String name) {
    if (!STAGE_NAME.matcher(name).matches()) {
      throw ApiException.badRequest(
          "Stage name only allows a-zA-Z0-9_- and must be 1 to 128 characters long");
    }
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    String deploymentId = call.query("deploymentId");
    List<Stage> out = new ArrayList<>();
    for (Stage s : repo.list(call.accountId(), Kinds.STAGE, apiId, Stage.class)) {
      if (deploymentId == null || deploymentId.equals(s.deploymentId())) {
        out.add(s);
      }
    }
    out.sort(Comparator.comparing(Stage::stageName));
    return Bodies.json(200, Map.of("item", out));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(
        200, repo.stage(call.accountId(), call.path("restapi_id"), call.path("stage_name")));
  }

  private ControlResponse update(ApiCall call) {
    String apiId = call.path("restapi_id");
    Stage stage = repo.stage(call.accountId(), apiId, call.path("stage_name"));
    Stage patched =
        Bodies.patch(
            stage, Stage.class, PATCHES, PatchOperation.listFrom(call.body(), "updateStageInput"));
    if (!patched.deploymentId().equals(stage.deploymentId())) {
      repo.deployment(call.accountId(), apiId, patched.deploymentId());
    }
    StageVariables.validate(patched.variables());
    Stage updated =
        new Stage(
            patched.stageName(),
            patched.deploymentId(),
            patched.description(),
            patched.clientCertificateId(),
            patched.cacheClusterEnabled(),
            cacheStatus(patched.cacheClusterEnabled()),
            patched.methodSettings(),
            patched.variables(),
            patched.documentationVersion(),
            patched.accessLogSettings(),
            patched.tracingEnabled(),
            patched.tags(),
            patched.createdDate(),
            repo.context().nowSeconds());
    repo.context()
        .commit(
            List.of(
                Write.put(
                    ApiRepository.stageKey(call.accountId(), apiId, updated.stageName()),
                    Documents.write(updated))));
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    String apiId = call.path("restapi_id");
    Stage s = repo.stage(call.accountId(), apiId, call.path("stage_name"));
    repo.context()
        .commit(
            List.of(Write.delete(ApiRepository.stageKey(call.accountId(), apiId, s.stageName()))));
    return ControlResponse.empty(202);
  }

  /**
   * A stage variable's name and value are checked as they are added (the value is required: null is
   * left to the write).
   */
  private static void checkVariable(String name, @Nullable String value) {
    if (value != null) {
      StageVariables.validate(name, value);
    }
  }

  private static String cacheStatus(boolean enabled) {
    return enabled ? "AVAILABLE" : "NOT_AVAILABLE";
  }
}
