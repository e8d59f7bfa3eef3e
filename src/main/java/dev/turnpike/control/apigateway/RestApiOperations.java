package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import dev.turnpike.control.iam.ResourcePolicyDocuments;
import dev.turnpike.model.Resource;
import dev.turnpike.model.RestApi;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi. */
final class RestApiOperations {
  private static final Set<String> ENDPOINT_TYPES = Set.of("REGIONAL", "EDGE", "PRIVATE");
  private static final List<String> API_SCOPED_KINDS =
      List.of(
          Kinds.RESOURCE,
          Kinds.DEPLOYMENT,
          Kinds.DEPLOYED_API,
          Kinds.STAGE,
          Kinds.GATEWAY_RESPONSE,
          Kinds.MODEL,
          Kinds.REQUEST_VALIDATOR,
          Kinds.AUTHORIZER);
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/name", Kind.STRING)
          .allow("/description", Kind.STRING)
          .allow("/version", Kind.STRING)
          .allow("/apiKeySource", Kind.STRING)
          .allow("/minimumCompressionSize", Kind.INT)
          .allow("/policy", Kind.STRING)
          .allow("/disableExecuteApiEndpoint", Kind.BOOLEAN)
          .allow("/binaryMediaTypes/*", Kind.LIST_VALUE)
          .allow("/endpointConfiguration/types/0", Kind.LIST_FIRST);

  private final ApiRepository repo;
  private final ImportOperations imports;

  RestApiOperations(ApiRepository repo, ImportOperations imports) {
    this.repo = repo;
    this.imports = imports;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/restapis", this::create)
        .add("GET", "/restapis", this::list)
        .add("GET", "/restapis/{restapi_id}", this::get)
        .add("PATCH", "/restapis/{restapi_id}", this::update)
        .add("DELETE", "/restapis/{restapi_id}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    if ("import".equals(call.query("mode"))) {
      return imports.importApi(call);
    }
    ObjectNode body = call.body();
    String name = Bodies.string(body, "name");
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("Invalid REST API name specified");
    }
    String apiKeySource = orDefault(Bodies.string(body, "apiKeySource"), "HEADER");
    validateApiKeySource(apiKeySource);
    List<String> types = List.of("EDGE");
    if (body.get("endpointConfiguration") instanceof ObjectNode ec) {
      List<String> t = Bodies.stringList(ec, "types");
      if (t != null) {
        types = t;
      }
    }
    validateEndpointTypes(types);
    String policy = Bodies.string(body, "policy");
    validatePolicy(policy);
    String id = Ids.restApiId();
    if (policy != null && !policy.isBlank()) {
      policy =
          ResourcePolicyDocuments.expandAndValidate(policy, call.region(), call.accountId(), id);
    }
    String rootId = Ids.restApiId();
    Boolean disable = Bodies.bool(body, "disableExecuteApiEndpoint");
    RestApi api =
        new RestApi(
            id,
            name,
            Bodies.string(body, "description"),
            repo.context().nowSeconds(),
            Bodies.string(body, "version"),
            Bodies.stringList(body, "binaryMediaTypes"),
            Bodies.integer(body, "minimumCompressionSize"),
            apiKeySource,
            new RestApi.EndpointConfiguration(types, null),
            policy,
            Bodies.stringMap(body, "tags"),
            disable != null && disable,
            rootId);
    Resource root = new Resource(rootId, null, null, "/", null);
    repo.context()
        .commit(
            List.of(
                Write.create(ApiRepository.apiKey(call.accountId(), id), Documents.write(api)),
                repo.putResource(call.accountId(), id, root),
                ModelOperations.defaultModel(call.accountId(), id, ModelOperations.EMPTY),
                ModelOperations.defaultModel(call.accountId(), id, ModelOperations.ERROR)));
    return Bodies.json(201, api);
  }

  private ControlResponse list(ApiCall call) {
    return Bodies.json(200, Page.of(repo.apis(call.accountId()), call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, repo.api(call.accountId(), call.path("restapi_id")));
  }

  private ControlResponse update(ApiCall call) {
    RestApi api = repo.api(call.accountId(), call.path("restapi_id"));
    RestApi updated =
        Bodies.patch(api, RestApi.class, PATCHES, PatchOperation.listFrom(call.body()));
    if (updated.name() == null || updated.name().isBlank()) {
      throw ApiException.badRequest("Invalid REST API name specified");
    }
    validateApiKeySource(updated.apiKeySource());
    validateEndpointTypes(updated.endpointConfiguration().types());
    validatePolicy(updated.policy());
    if (updated.policy() != null
        && !updated.policy().isBlank()
        && !updated.policy().equals(api.policy())) {
      updated =
          new RestApi(
              updated.id(),
              updated.name(),
              updated.description(),
              updated.createdDate(),
              updated.version(),
              updated.binaryMediaTypes(),
              updated.minimumCompressionSize(),
              updated.apiKeySource(),
              updated.endpointConfiguration(),
              ResourcePolicyDocuments.expandAndValidate(
                  updated.policy(), call.region(), call.accountId(), api.id()),
              updated.tags(),
              updated.disableExecuteApiEndpoint(),
              updated.rootResourceId());
    }
    repo.context()
        .commit(
            List.of(
                Write.put(
                    ApiRepository.apiKey(call.accountId(), api.id()), Documents.write(updated))));
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    RestApi api = repo.api(call.accountId(), call.path("restapi_id"));
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(ApiRepository.apiKey(call.accountId(), api.id())));
    for (String kind : API_SCOPED_KINDS) {
      for (Document d : repo.context().store().list(call.accountId(), kind, api.id())) {
        writes.add(Write.delete(d.key()));
      }
    }
    repo.context().commit(writes);
    return ControlResponse.empty(202);
  }

  private static void validateApiKeySource(String source) {
    if (!source.equals("HEADER") && !source.equals("AUTHORIZER")) {
      throw ApiException.badRequest(
          "Invalid API Key source specified. Must be one of: [HEADER, AUTHORIZER]");
    }
  }

  static void validateEndpointTypes(List<String> types) {
    if (types.size() != 1 || !ENDPOINT_TYPES.contains(types.get(0))) {
      throw ApiException.badRequest(
          "Invalid endpoint configuration: exactly one of [REGIONAL, EDGE, PRIVATE] must be"
              + " specified");
    }
  }

  private static void validatePolicy(@Nullable String policy) {
    if (policy == null || policy.isEmpty()) {
      return;
    }
    try {
      if (!Documents.MAPPER.readTree(policy).isObject()) {
        throw ApiException.badRequest(
            "Invalid policy document. Please check the policy syntax and try again.");
      }
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "Invalid policy document. Please check the policy syntax and try again.");
    }
  }

  private static String orDefault(@Nullable String v, String d) {
    return v == null ? d : v;
  }
}
