package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.iam.ResourcePolicyDocuments;
import dev.turnpike.model.Authorizer;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.model.Resource;
import dev.turnpike.model.RestApi;
import dev.turnpike.openapi.IdSource;
import dev.turnpike.openapi.ImportOptions;
import dev.turnpike.openapi.ImportedApi;
import dev.turnpike.openapi.OpenApiException;
import dev.turnpike.openapi.OpenApiImporter;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * ImportRestApi ({@code POST /restapis?mode=import}, 201) and PutRestApi ({@code PUT
 * /restapis/{id}?mode=merge|overwrite}, 200), spec 10.1.
 *
 * <p>Implementation notes: the document is read whole by {@code openapi.OpenApiImporter} before
 * anything is written; a refused document is AWS's 400 {@code BadRequestException} with the reason,
 * warnings with {@code failonwarnings=true} are {@code Warnings found during import:} followed by
 * each warning on its own tab-indented line (AWS's format); otherwise the API and everything in it
 * is one store commit. The result is the {@code RestApi} plus {@code warnings} when there are any.
 * Merge (the default of PutRestApi) adds the document's binary media types to the API's and keeps
 * same-named models, validators and authorizers under their ids; overwrite keeps the endpoint
 * configuration, stages and deployments. {@code parameters} arrive as plain query keys ({@code
 * basepath}, {@code endpointConfigurationTypes}, {@code ignore}), as the AWS CLI sends them.
 */
final class ImportOperations {
  private final ApiRepository repo;

  ImportOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes.add("PUT", "/restapis/{restapi_id}", this::put);
  }

  /** ImportRestApi: {@code RestApiOperations} hands over {@code POST /restapis?mode=import}. */
  ControlResponse importApi(ApiCall call) {
    ImportOptions options = options(call);
    String apiId = Ids.restApiId();
    ImportedApi imported = read(call, apiId, options, (kind, name) -> Ids.shortId());
    if (imported.name() == null || imported.name().isBlank()) {
      throw ApiException.badRequest(OpenApiException.INVALID_INPUT);
    }
    List<String> types = List.of("EDGE");
    String typesParam = call.query("endpointConfigurationTypes");
    if (typesParam != null) {
      types = List.of(typesParam.split(",", -1));
    }
    RestApiOperations.validateEndpointTypes(types);
    RestApi api =
        new RestApi(
            apiId,
            imported.name(),
            imported.description(),
            repo.context().nowSeconds(),
            imported.version(),
            imported.binaryMediaTypes(),
            imported.minimumCompressionSize(),
            imported.apiKeySource() == null ? "HEADER" : imported.apiKeySource(),
            new RestApi.EndpointConfiguration(types, imported.vpcEndpointIds()),
            policy(call, apiId, imported.policy()),
            null,
            Boolean.TRUE.equals(imported.disableExecuteApiEndpoint()),
            Ids.restApiId());
    Resource root = new Resource(api.rootResourceId(), null, null, "/", null);
    List<Write> writes = new ArrayList<>();
    FieldLimits.check(api);
    writes.add(Write.create(ApiRepository.apiKey(call.accountId(), apiId), Documents.write(api)));
    writes.addAll(ImportedWrites.of(call.accountId(), apiId, root, List.of(), imported, false));
    repo.context().commit(writes);
    return render(201, api, imported.warnings());
  }

  private ControlResponse put(ApiCall call) {
    RestApi api = repo.api(call.accountId(), call.path("restapi_id"));
    String mode = call.query("mode");
    if (mode == null) {
      mode = "merge";
    }
    boolean merge = mode.equals("merge");
    if (!merge && !mode.equals("overwrite")) {
      throw new ApiException(
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + mode
              + "' at 'mode' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [merge, overwrite]");
    }
    List<Document> existing = new ArrayList<>();
    for (String kind : ImportedWrites.IMPORTED_KINDS) {
      existing.addAll(repo.context().store().list(call.accountId(), kind, api.id()));
    }
    IdSource ids = merge ? existingIds(existing) : (kind, name) -> Ids.shortId();
    ImportedApi imported = read(call, api.id(), options(call), ids);
    RestApi updated = merge ? merged(call, api, imported) : overwritten(call, api, imported);
    FieldLimits.check(updated);
    Resource root = repo.resource(call.accountId(), api.id(), api.rootResourceId());
    List<Write> writes = new ArrayList<>();
    writes.add(
        Write.put(ApiRepository.apiKey(call.accountId(), api.id()), Documents.write(updated)));
    writes.addAll(ImportedWrites.of(call.accountId(), api.id(), root, existing, imported, merge));
    repo.context().commit(writes);
    return render(200, updated, imported.warnings());
  }

  private ImportedApi read(ApiCall call, String apiId, ImportOptions options, IdSource ids) {
    ImportedApi imported;
    try {
      imported = OpenApiImporter.read(call.rawBody(), apiId, options, ids);
    } catch (OpenApiException e) {
      throw ApiException.badRequest(e.reason());
    }
    if ("true".equalsIgnoreCase(call.query("failonwarnings")) && !imported.warnings().isEmpty()) {
      throw ApiException.badRequest(
          "Warnings found during import:\n\t" + String.join("\n\t", imported.warnings()));
    }
    return imported;
  }

  private static ImportOptions options(ApiCall call) {
    try {
      return new ImportOptions(
          ImportOptions.BasePathMode.parse(call.query("basepath")),
          "documentation".equals(call.query("ignore")));
    } catch (OpenApiException e) {
      throw ApiException.badRequest(e.reason());
    }
  }

  /** Ids of what a merge keeps: the same-named model, validator or authorizer's, else fresh. */
  private static IdSource existingIds(List<Document> existing) {
    Map<String, String> byName = new HashMap<>();
    for (Document d : existing) {
      switch (d.key().kind()) {
        case Kinds.MODEL ->
            byName.put(IdSource.MODEL + "/" + Documents.read(d, Model.class).name(), d.key().id());
        case Kinds.REQUEST_VALIDATOR ->
            byName.put(
                IdSource.VALIDATOR + "/" + Documents.read(d, RequestValidator.class).name(),
                d.key().id());
        case Kinds.AUTHORIZER ->
            byName.put(
                IdSource.AUTHORIZER + "/" + Documents.read(d, Authorizer.class).name(),
                d.key().id());
        default -> {}
      }
    }
    return (kind, name) -> {
      String id = byName.get(kind + "/" + name);
      return id == null ? Ids.shortId() : id;
    };
  }

  private static @Nullable String policy(ApiCall call, String apiId, @Nullable String policy) {
    FieldLimits.policy(policy);
    if (policy == null || policy.isBlank()) {
      return null;
    }
    return ResourcePolicyDocuments.expandAndValidate(
        policy, call.region(), call.accountId(), apiId);
  }

  /** Merge: the document's settings where it has them, binary media types added (recorded). */
  private static RestApi merged(ApiCall call, RestApi api, ImportedApi imp) {
    Set<String> media = new LinkedHashSet<>();
    if (api.binaryMediaTypes() != null) {
      media.addAll(api.binaryMediaTypes());
    }
    if (imp.binaryMediaTypes() != null) {
      media.addAll(imp.binaryMediaTypes());
    }
    String policy = policy(call, api.id(), imp.policy());
    return new RestApi(
        api.id(),
        or(imp.name(), api.name()),
        imp.description() != null ? imp.description() : api.description(),
        api.createdDate(),
        imp.version() != null ? imp.version() : api.version(),
        media.isEmpty() ? null : List.copyOf(media),
        imp.minimumCompressionSize() != null
            ? imp.minimumCompressionSize()
            : api.minimumCompressionSize(),
        or(imp.apiKeySource(), api.apiKeySource()),
        api.endpointConfiguration(),
        policy != null ? policy : api.policy(),
        api.tags(),
        imp.disableExecuteApiEndpoint() != null
            ? imp.disableExecuteApiEndpoint()
            : api.disableExecuteApiEndpoint(),
        api.rootResourceId());
  }

  /** Overwrite: the API becomes the document; endpoint configuration and tags stay (spec 10.1). */
  private static RestApi overwritten(ApiCall call, RestApi api, ImportedApi imp) {
    return new RestApi(
        api.id(),
        or(imp.name(), api.name()),
        imp.description(),
        api.createdDate(),
        imp.version(),
        imp.binaryMediaTypes(),
        imp.minimumCompressionSize(),
        or(imp.apiKeySource(), "HEADER"),
        api.endpointConfiguration(),
        policy(call, api.id(), imp.policy()),
        api.tags(),
        Boolean.TRUE.equals(imp.disableExecuteApiEndpoint()),
        api.rootResourceId());
  }

  private static String or(@Nullable String preferred, String fallback) {
    return preferred != null && !preferred.isBlank() ? preferred : fallback;
  }

  private static ControlResponse render(int status, RestApi api, List<String> warnings) {
    ObjectNode out = Documents.MAPPER.valueToTree(api);
    if (!warnings.isEmpty()) {
      ArrayNode w = out.putArray("warnings");
      warnings.forEach(w::add);
    }
    return ControlResponse.json(status, out.toString());
  }
}
