package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Authorizer;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.model.Stage;
import dev.turnpike.openapi.ExportOptions;
import dev.turnpike.openapi.OpenApiExporter;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GetExport: {@code GET /restapis/{id}/stages/{stage}/exports/{oas30|swagger}} (spec 10.1, 10.5).
 *
 * <p>Implementation notes: exports what the stage's deployment froze; {@code extensions} is a
 * comma-separated list ({@code integrations}, {@code authorizers}, {@code apigateway}, {@code
 * postman}, the last accepted and adding nothing); {@code Accept: application/yaml} gives YAML,
 * anything else JSON; {@code Content-Type} is the accepted type, or {@code
 * application/octet-stream} when the request named none (recorded), and {@code Content-Disposition}
 * is {@code attachment; filename="{type}_{version}.{json|yaml}"}. [UNCONF] the text for an unknown
 * export type.
 */
final class ExportOperations {
  private static final Set<String> EXTENSIONS =
      Set.of("integrations", "authorizers", "apigateway", "postman");

  private final ApiRepository repo;

  ExportOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes.add(
        "GET", "/restapis/{restapi_id}/stages/{stage_name}/exports/{export_type}", this::export);
  }

  private ControlResponse export(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("restapi_id");
    Stage stage = repo.stage(account, apiId, call.path("stage_name"));
    ExportOptions.Format format = ExportOptions.Format.parse(call.path("export_type"));
    if (format == null) {
      throw ApiException.badRequest(
          "Invalid export type specified: "
              + call.path("export_type")
              + ". Must be one of: [oas30, swagger]");
    }
    Set<String> extensions = new HashSet<>();
    for (String value : call.queryAll("extensions")) {
      for (String e : value.split(",", -1)) {
        String ext = e.trim().toLowerCase(Locale.ROOT);
        if (ext.isEmpty()) {
          continue;
        }
        if (!EXTENSIONS.contains(ext)) {
          throw ApiException.badRequest(
              "Invalid extensions specified: "
                  + ext
                  + ". Must be one of: [integrations, authorizers, apigateway, postman]");
        }
        extensions.add(ext);
      }
    }
    DeployedApi deployed =
        repo.context()
            .store()
            .get(ApiRepository.deployedApiKey(account, apiId, stage.deploymentId()))
            .map(d -> Documents.read(d, DeployedApi.class))
            .orElseThrow(() -> ApiException.notFound("Invalid Deployment identifier specified"));
    long deployedAt = repo.deployment(account, apiId, stage.deploymentId()).createdDate();
    // Models and validators as the deployment froze them; deployments made before they were
    // frozen hold none, and export the API's current ones.
    List<Model> models =
        new ArrayList<>(
            deployed.models().isEmpty()
                ? repo.list(account, Kinds.MODEL, apiId, Model.class)
                : deployed.models());
    models.sort(Comparator.comparing(Model::name));
    List<RequestValidator> validators =
        new ArrayList<>(
            deployed.requestValidators().isEmpty()
                ? repo.list(account, Kinds.REQUEST_VALIDATOR, apiId, RequestValidator.class)
                : deployed.requestValidators());
    validators.sort(Comparator.comparing(RequestValidator::name));
    List<Authorizer> authorizers = repo.list(account, Kinds.AUTHORIZER, apiId, Authorizer.class);
    authorizers.sort(Comparator.comparing(Authorizer::name));
    ObjectNode doc =
        OpenApiExporter.export(
            deployed,
            models,
            validators,
            authorizers,
            new ExportOptions(format, extensions, call.region(), stage.stageName(), deployedAt));
    String accept = call.header("Accept");
    boolean yaml = accept != null && accept.toLowerCase(Locale.ROOT).contains("yaml");
    String contentType = yaml ? "application/yaml" : "application/octet-stream";
    String version = doc.path("info").path("version").asText();
    String filename = format.exportType + "_" + version + (yaml ? ".yaml" : ".json");
    return new ControlResponse(
        200,
        Map.of(
            "Content-Type",
            contentType,
            "Content-Disposition",
            "attachment; filename=\"" + filename + "\""),
        OpenApiExporter.render(doc, yaml));
  }
}
