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
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.model.Resource;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * CreateModel, GetModel (with {@code flatten}), GetModels, UpdateModel (patch), DeleteModel and
 * GetModelTemplate of REST APIs (spec 11.1). Models are addressed by name, as AWS addresses them.
 *
 * <p>Recorded (LocalStack {@code TestApiGatewayApiModels}, against AWS): an unknown API is 404
 * {@code Invalid API identifier specified {account}:{id}} on create and list, but {@code Invalid
 * model name specified: {name}} on get, update and delete; a duplicate name is 409 {@code Model
 * name already exists for this REST API}; an empty name 400 {@code Model name must be non-empty}; a
 * missing, empty or {@code {}} schema (whatever the content type) 400 {@code Model schema must have
 * at least 1 property or array items defined}; an empty description is left out of the answer;
 * patch paths are {@code /description} and {@code /schema}, replace only, refused with AWS's
 * double-spaced {@code Invalid patch path '…'} texts; delete answers 202, and a model a method
 * request uses is 409 {@code Cannot delete model '{name}', is referenced in method request:
 * {path}/{METHOD}} (C96). [UNCONF]: the wording for a non-alphanumeric name and for a schema that
 * is not JSON.
 */
final class ModelOperations {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+");
  private static final String EMPTY_SCHEMA =
      "Model schema must have at least 1 property or array items defined";

  private static final PatchApplier PATCHES =
      PatchApplier.unknownPath(ModelOperations::badPatch)
          .unsupportedOp(ModelOperations::badPatch)
          .allow("/description", Kind.NULLABLE_STRING, PatchApplier.REPLACE)
          .allow("/schema", Kind.NULLABLE_STRING, PatchApplier.REPLACE);

  /**
   * The two models CreateRestApi adds (recorded: {@code test_model_lifecycle}'s GetModels; the
   * descriptions and schemas as AWS lists them).
   */
  static final Model EMPTY =
      new Model(
          "",
          "Empty",
          "This is a default empty schema model",
          "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"title\":\"Empty Schema\","
              + "\"type\":\"object\"}",
          "application/json");

  static final Model ERROR =
      new Model(
          "",
          "Error",
          "This is a default error schema model",
          "{\"$schema\":\"http://json-schema.org/draft-04/schema#\",\"title\":\"Error Schema\","
              + "\"type\":\"object\",\"properties\":{\"message\":{\"type\":\"string\"}}}",
          "application/json");

  private final ApiRepository repo;

  ModelOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String one = "/restapis/{restapi_id}/models/{model_name}";
    routes
        .add("GET", "/restapis/{restapi_id}/models", this::list)
        .add("POST", "/restapis/{restapi_id}/models", this::create)
        .add("GET", one, this::get)
        .add("PATCH", one, this::update)
        .add("DELETE", one, this::delete)
        .add("GET", one + "/default_template", this::template);
  }

  /**
   * AWS's recorded patch refusals (two spaces after "path"): replace of an unknown path lists the
   * paths, any other operation is "Please choose supported operations".
   */
  static ApiException badPatch(PatchOperation op, String paths) {
    String head = "Invalid patch path  '" + op.path() + "' specified for op '" + op.op() + "'. ";
    return ApiException.badRequest(
        op.op().equals("replace")
            ? head + "Must be one of: " + paths
            : head + "Please choose supported operations");
  }

  private static ApiException badPatch(PatchOperation op) {
    return badPatch(op, "[/description, /schema]");
  }

  static DocumentKey key(String account, String apiId, String modelId) {
    return new DocumentKey(account, Kinds.MODEL, apiId, modelId);
  }

  /** The write that adds {@code template} (EMPTY or ERROR) to a new API under a fresh id. */
  static Write defaultModel(String account, String apiId, Model template) {
    Model m =
        new Model(
            Ids.shortId(),
            template.name(),
            template.description(),
            template.schema(),
            template.contentType());
    return Write.put(key(account, apiId, m.id()), Documents.write(m));
  }

  private List<Model> models(String account, String apiId) {
    return repo.list(account, Kinds.MODEL, apiId, Model.class);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    List<Model> all = models(call.accountId(), apiId);
    all.sort(Comparator.comparing(Model::name));
    return Bodies.json(200, Page.of(all, call));
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("restapi_id");
    repo.api(account, apiId);
    ObjectNode body = call.body();
    String name = Bodies.string(body, "name");
    if (name == null || name.isEmpty()) {
      throw ApiException.badRequest("Model name must be non-empty");
    }
    if (!NAME.matcher(name).matches()) {
      throw ApiException.badRequest("Model name must be alphanumeric");
    }
    String contentType = Bodies.string(body, "contentType");
    if (contentType == null || contentType.isEmpty()) {
      throw ApiException.badRequest("Content type must be specified");
    }
    String schema = checkedSchema(Bodies.string(body, "schema"));
    if (find(account, apiId, name) != null) {
      throw ApiException.conflict("Model name already exists for this REST API");
    }
    String description = Bodies.string(body, "description");
    Model m =
        new Model(
            Ids.shortId(),
            name,
            description == null || description.isEmpty() ? null : description,
            schema,
            contentType);
    repo.context().commit(List.of(Write.put(key(account, apiId, m.id()), Documents.write(m))));
    return Bodies.json(201, m);
  }

  private ControlResponse get(ApiCall call) {
    Model m = required(call);
    if (!"true".equalsIgnoreCase(call.query("flatten")) || m.schema() == null) {
      return Bodies.json(200, m);
    }
    List<Model> all = models(call.accountId(), call.path("restapi_id"));
    String flat = ModelSchemas.flatten(call.path("restapi_id"), m.schema(), all);
    return Bodies.json(200, new Model(m.id(), m.name(), m.description(), flat, m.contentType()));
  }

  private ControlResponse update(ApiCall call) {
    Model current = required(call);
    Model patched =
        Bodies.patch(current, Model.class, PATCHES, PatchOperation.listFrom(call.body()));
    checkedSchema(patched.schema());
    repo.context()
        .commit(
            List.of(
                Write.put(
                    key(call.accountId(), call.path("restapi_id"), patched.id()),
                    Documents.write(patched))));
    return Bodies.json(200, patched);
  }

  private ControlResponse delete(ApiCall call) {
    Model m = required(call);
    String apiId = call.path("restapi_id");
    for (Resource r : repo.resources(call.accountId(), apiId)) {
      Map<String, Method> methods = r.resourceMethods();
      if (methods == null) {
        continue;
      }
      for (Method method : methods.values()) {
        if (method.requestModels() != null && method.requestModels().containsValue(m.name())) {
          throw ApiException.conflict(
              "Cannot delete model '"
                  + m.name()
                  + "', is referenced in method request: "
                  + r.path()
                  + "/"
                  + method.httpMethod());
        }
      }
    }
    repo.context().commit(List.of(Write.delete(key(call.accountId(), apiId, m.id()))));
    return ControlResponse.empty(202);
  }

  /** GetModelTemplate: {@code {"value": "<mapping template>"}} generated from the schema. */
  private ControlResponse template(ApiCall call) {
    Model m = required(call);
    String apiId = call.path("restapi_id");
    String schema =
        m.schema() == null
            ? "{}"
            : ModelSchemas.flatten(apiId, m.schema(), models(call.accountId(), apiId));
    ObjectNode out = Documents.MAPPER.createObjectNode();
    out.put("value", ModelTemplate.of(ModelSchemas.parse(schema)));
    return ControlResponse.json(200, out.toString());
  }

  /** The model the path names; unknown API and unknown model answer alike, as recorded. */
  private Model required(ApiCall call) {
    String name = call.path("model_name");
    Model m = find(call.accountId(), call.path("restapi_id"), name);
    if (m == null) {
      throw ApiException.notFound("Invalid model name specified: " + name);
    }
    return m;
  }

  private @Nullable Model find(String account, String apiId, String name) {
    for (Model m : models(account, apiId)) {
      if (m.name().equals(name)) {
        return m;
      }
    }
    return null;
  }

  /** The schema as given, refused when empty (as AWS does for any content type) or not JSON. */
  private static String checkedSchema(@Nullable String schema) {
    if (schema == null || schema.isBlank()) {
      throw ApiException.badRequest(EMPTY_SCHEMA);
    }
    JsonNode tree;
    try {
      tree = Documents.MAPPER.readTree(schema);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest(
          "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model"
              + " schema specified]");
    }
    if (tree == null || (tree.isObject() && tree.isEmpty())) {
      throw ApiException.badRequest(EMPTY_SCHEMA);
    }
    if (!tree.isObject()) {
      throw ApiException.badRequest(
          "Invalid model specified: Validation Result: warnings : [], errors : [Invalid model"
              + " schema specified]");
    }
    return schema;
  }
}
