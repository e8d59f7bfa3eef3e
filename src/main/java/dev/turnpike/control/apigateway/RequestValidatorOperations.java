package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.Comparator;
import java.util.List;

/**
 * CreateRequestValidator, GetRequestValidator(s), UpdateRequestValidator, DeleteRequestValidator of
 * REST APIs (spec 11.1).
 *
 * <p>Recorded (LocalStack {@code TestApiGatewayApiRequestValidator}, against AWS): both flags
 * default to false; create on an unknown API is 400 {@code Invalid REST API identifier specified},
 * list is 404 {@code Invalid API identifier specified {account}:{id}}, and get, update and delete
 * answer 404 {@code Invalid Request Validator identifier specified} for an unknown API as for an
 * unknown validator; patch paths are {@code /name}, {@code /validateRequestParameters}, {@code
 * /validateRequestBody}, replace only ({@code replace} without a value sets a flag to false; a
 * blank name is 400 {@code Request Validator name cannot be blank}); delete answers 202.
 */
final class RequestValidatorOperations {
  private static final String FLAGS = "[/name, /validateRequestParameters, /validateRequestBody]";

  private static final PatchApplier PATCHES =
      PatchApplier.unknownPath(op -> ModelOperations.badPatch(op, FLAGS))
          .unsupportedOp(op -> ModelOperations.badPatch(op, FLAGS))
          .custom("/name", PatchApplier.REPLACE, (tree, op, raw) -> tree.put("name", name(op)))
          .custom(
              "/validateRequestParameters", PatchApplier.REPLACE, RequestValidatorOperations::flag)
          .custom("/validateRequestBody", PatchApplier.REPLACE, RequestValidatorOperations::flag);

  private final ApiRepository repo;

  RequestValidatorOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String all = "/restapis/{restapi_id}/requestvalidators";
    String one = all + "/{requestvalidator_id}";
    routes
        .add("GET", all, this::list)
        .add("POST", all, this::create)
        .add("GET", one, this::get)
        .add("PATCH", one, this::update)
        .add("DELETE", one, this::delete);
  }

  static DocumentKey key(String account, String apiId, String validatorId) {
    return new DocumentKey(account, Kinds.REQUEST_VALIDATOR, apiId, validatorId);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    List<RequestValidator> all =
        repo.list(call.accountId(), Kinds.REQUEST_VALIDATOR, apiId, RequestValidator.class);
    all.sort(Comparator.comparing(RequestValidator::name));
    return Bodies.json(200, Page.of(all, call));
  }

  private ControlResponse create(ApiCall call) {
    String account = call.accountId();
    String apiId = call.path("restapi_id");
    if (repo.context().store().get(ApiRepository.apiKey(account, apiId)).isEmpty()) {
      throw ApiException.badRequest("Invalid REST API identifier specified");
    }
    ObjectNode body = call.body();
    String name = Bodies.string(body, "name");
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("Request Validator name cannot be blank");
    }
    Boolean validateBody = Bodies.bool(body, "validateRequestBody");
    Boolean validateParameters = Bodies.bool(body, "validateRequestParameters");
    RequestValidator v =
        new RequestValidator(
            Ids.shortId(),
            name,
            validateBody != null && validateBody,
            validateParameters != null && validateParameters);
    repo.context().commit(List.of(Write.put(key(account, apiId, v.id()), Documents.write(v))));
    return Bodies.json(201, v);
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, find(call));
  }

  private ControlResponse update(ApiCall call) {
    RequestValidator patched =
        Bodies.patch(
            find(call), RequestValidator.class, PATCHES, PatchOperation.listFrom(call.body()));
    repo.context()
        .commit(
            List.of(
                Write.put(
                    key(call.accountId(), call.path("restapi_id"), patched.id()),
                    Documents.write(patched))));
    return Bodies.json(200, patched);
  }

  private ControlResponse delete(ApiCall call) {
    RequestValidator v = find(call);
    repo.context()
        .commit(List.of(Write.delete(key(call.accountId(), call.path("restapi_id"), v.id()))));
    return ControlResponse.empty(202);
  }

  private RequestValidator find(ApiCall call) {
    return repo.context()
        .store()
        .get(key(call.accountId(), call.path("restapi_id"), call.path("requestvalidator_id")))
        .map(d -> Documents.read(d, RequestValidator.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Request Validator identifier specified"));
  }

  private static String name(PatchOperation op) {
    String v = op.value();
    if (v == null || v.isBlank()) {
      throw ApiException.badRequest("Request Validator name cannot be blank");
    }
    return v;
  }

  /** {@code replace} with "true" (any case) sets the flag; any other value or none clears it. */
  private static void flag(ObjectNode tree, PatchOperation op, String[] raw) {
    String v = op.value();
    tree.put(op.path().substring(1), v != null && v.trim().equalsIgnoreCase("true"));
  }
}
