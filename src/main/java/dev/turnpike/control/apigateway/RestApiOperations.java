package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** CreateRestApi, GetRestApi, GetRestApis, UpdateRestApi, DeleteRestApi. */
final class RestApiOperations {
  private static final Set<String> ENDPOINT_TYPES = Set.of("REGIONAL", "EDGE", "PRIVATE");
  private static final Set<String> IP_ADDRESS_TYPES = Set.of("ipv4", "dualstack");
  private static final List<String> API_SCOPED_KINDS =
      List.of(
          Kinds.RESOURCE,
          Kinds.DEPLOYMENT,
          Kinds.DEPLOYED_API,
          Kinds.STAGE,
          Kinds.GATEWAY_RESPONSE,
          Kinds.MODEL,
          Kinds.REQUEST_VALIDATOR,
          Kinds.DOCUMENTATION_PART,
          Kinds.AUTHORIZER);
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/name", Kind.STRING)
          .allow("/description", Kind.STRING)
          .allow("/version", Kind.STRING)
          .allow("/apiKeySource", Kind.STRING)
          .allow("/minimumCompressionSize", Kind.NULLABLE_INT, PatchApplier.REPLACE)
          .allow("/policy", Kind.STRING)
          .allow("/disableExecuteApiEndpoint", Kind.BOOLEAN)
          .allow("/binaryMediaTypes/*", Kind.LIST_VALUE)
          .allow("/endpointConfiguration/types/*", Kind.LIST_FIRST)
          .allow("/endpointConfiguration/ipAddressType", Kind.STRING, PatchApplier.REPLACE)
          .unsupportedOp(
              op ->
                  ApiException.badRequest(
                      "Invalid patch operation specified. Must be one of: [replace]"))
          .invalidNumber(op -> invalidCompressionSize());
  private static final int MAX_COMPRESSION_SIZE = 10_485_760;

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
    List<String> types = List.of("EDGE");
    String ipAddressType = null;
    if (body.get("endpointConfiguration") instanceof ObjectNode ec) {
      List<String> t = Bodies.stringList(ec, "types");
      if (t != null) {
        types = t;
      }
      ipAddressType = Bodies.string(ec, "ipAddressType");
    }
    validateEnums(types, ipAddressType);
    if ("".equals(Bodies.string(body, "description"))) {
      throw ApiException.badRequest("Description cannot be an empty string");
    }
    String apiKeySource = orDefault(Bodies.string(body, "apiKeySource"), "HEADER");
    validateApiKeySource(apiKeySource);
    validateEndpointTypes(types);
    if (ipAddressType == null) {
      ipAddressType = RestApi.EndpointConfiguration.defaultIpAddressType(types);
    }
    validatePrivateDualstack(types, ipAddressType);
    String policy = Bodies.string(body, "policy");
    FieldLimits.policy(policy);
    validatePolicy(policy);
    Integer compression = compressionSize(body);
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
            compression,
            apiKeySource,
            new RestApi.EndpointConfiguration(types, null, ipAddressType),
            policy,
            Bodies.stringMap(body, "tags"),
            disable != null && disable,
            rootId);
    FieldLimits.check(api);
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
    List<PatchOperation> ops = PatchOperation.listFrom(call.body(), "updateRestApiInput");
    RestApi api = repo.api(call.accountId(), call.path("restapi_id"));
    for (PatchOperation op : ops) {
      // binaryMediaTypes is addressed one entry at a time; AWS refuses the list itself so
      if (op.path().equals("/binaryMediaTypes")) {
        throw ApiException.badRequest("Invalid patch path /binaryMediaTypes");
      }
    }
    RestApi updated = Bodies.patch(api, RestApi.class, PATCHES, ops);
    Integer size = updated.minimumCompressionSize();
    if (size != null && (size < 0 || size > MAX_COMPRESSION_SIZE)) {
      throw invalidCompressionSize();
    }
    if (updated.name() == null || updated.name().isBlank()) {
      throw ApiException.badRequest("Invalid REST API name specified");
    }
    validateApiKeySource(updated.apiKeySource());
    updated = checkedEndpoint(api, updated, ops);
    FieldLimits.check(updated);
    if (!Objects.equals(updated.policy(), api.policy())) {
      FieldLimits.policy(updated.policy());
    }
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
    // AWS's UpdateRestApi answer always carries tags, {} when there are none
    return Bodies.json(200, updated.tags() == null ? updated.withTags(Map.of()) : updated);
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

  /**
   * AWS's request validation of CreateRestApi's endpoint configuration: every error at once, types
   * before ipAddressType.
   */
  private static void validateEnums(List<String> types, @Nullable String ipAddressType) {
    List<String> errors = new ArrayList<>();
    if (!ENDPOINT_TYPES.containsAll(types)) {
      errors.add(
          "Value '"
              + types
              + "' at 'createRestApiInput.endpointConfiguration.types' failed to satisfy"
              + " constraint: Member must satisfy constraint: [Member must satisfy enum value set:"
              + " [PRIVATE, EDGE, REGIONAL]]");
    }
    if (ipAddressType != null && !IP_ADDRESS_TYPES.contains(ipAddressType)) {
      errors.add(
          "Value '"
              + ipAddressType
              + "' at 'createRestApiInput.endpointConfiguration.ipAddressType' failed to satisfy"
              + " constraint: Member must satisfy enum value set: [ipv4, dualstack]");
    }
    if (!errors.isEmpty()) {
      throw PatchOperation.validation(errors);
    }
  }

  /** Exactly one known endpoint type, in AWS's words for none, several and an unknown one. */
  static void validateEndpointTypes(List<String> types) {
    if (types.isEmpty()) {
      throw ApiException.badRequest(
          "REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.");
    }
    if (types.size() > 1) {
      throw ApiException.badRequest("Cannot create an api with multiple Endpoint Types.");
    }
    if (!ENDPOINT_TYPES.contains(types.get(0))) {
      throw ApiException.badRequest(
          "Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE");
    }
  }

  private static void validatePrivateDualstack(List<String> types, String ipAddressType) {
    if (types.contains("PRIVATE") && !ipAddressType.equals("dualstack")) {
      throw ApiException.badRequest("Only dualstack ipAddressType is supported for Private APIs.");
    }
  }

  /**
   * UpdateRestApi's endpoint rules: a type AWS knows, an ipAddressType AWS knows, and a move to
   * PRIVATE that does not name an ipAddressType switches it to dualstack (as AWS does).
   */
  private static RestApi checkedEndpoint(RestApi before, RestApi after, List<PatchOperation> ops) {
    RestApi.EndpointConfiguration ec = after.endpointConfiguration();
    validateEndpointTypes(ec.types());
    if (!IP_ADDRESS_TYPES.contains(ec.ipAddressType())) {
      throw ApiException.badRequest("ipAddressType must be either ipv4 or dualstack.");
    }
    boolean namedIp =
        ops.stream().anyMatch(o -> o.path().equals("/endpointConfiguration/ipAddressType"));
    boolean toPrivate =
        ec.types().contains("PRIVATE")
            && !before.endpointConfiguration().types().contains("PRIVATE");
    if (toPrivate && !namedIp) {
      ec = new RestApi.EndpointConfiguration(ec.types(), ec.vpcEndpointIds(), "dualstack");
      after =
          new RestApi(
              after.id(),
              after.name(),
              after.description(),
              after.createdDate(),
              after.version(),
              after.binaryMediaTypes(),
              after.minimumCompressionSize(),
              after.apiKeySource(),
              ec,
              after.policy(),
              after.tags(),
              after.disableExecuteApiEndpoint(),
              after.rootResourceId());
    }
    validatePrivateDualstack(ec.types(), ec.ipAddressType());
    return after;
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

  /** {@code minimumCompressionSize} of a CreateRestApi body: 0 to 10 MiB, as AWS allows. */
  private static @Nullable Integer compressionSize(ObjectNode body) {
    JsonNode n = body.get("minimumCompressionSize");
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isIntegralNumber() || n.asLong() < 0 || n.asLong() > MAX_COMPRESSION_SIZE) {
      throw invalidCompressionSize();
    }
    return n.asInt();
  }

  private static ApiException invalidCompressionSize() {
    return ApiException.badRequest(
        "Invalid minimum compression size, must be between 0 and " + MAX_COMPRESSION_SIZE);
  }

  private static String orDefault(@Nullable String v, String d) {
    return v == null ? d : v;
  }
}
