package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Model;
import dev.turnpike.model.RequestValidator;
import dev.turnpike.store.Kinds;
import java.util.Comparator;
import java.util.List;

/**
 * The reads of what an OpenAPI import stores besides resources: GetModels/GetModel (by name, as AWS
 * addresses models), GetRequestValidators/GetRequestValidator (authorizers: {@link
 * AuthorizerOperations}). An unknown API is {@code Invalid API identifier specified
 * {account}:{id}}; unknown parts use AWS's recorded texts (spec 11.1: {@code Invalid model name
 * specified: {name}}, {@code Invalid Request Validator identifier specified}). Creating and
 * changing them one by one is not here yet.
 */
final class ImportedPartsOperations {
  private final ApiRepository repo;

  ImportedPartsOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("GET", "/restapis/{restapi_id}/models", this::models)
        .add("GET", "/restapis/{restapi_id}/models/{model_name}", this::model)
        .add("GET", "/restapis/{restapi_id}/requestvalidators", this::validators)
        .add(
            "GET",
            "/restapis/{restapi_id}/requestvalidators/{requestvalidator_id}",
            this::validator);
  }

  private <T> List<T> all(ApiCall call, String kind, Class<T> type) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    return repo.list(call.accountId(), kind, apiId, type);
  }

  private ControlResponse models(ApiCall call) {
    List<Model> models = all(call, Kinds.MODEL, Model.class);
    models.sort(Comparator.comparing(Model::name));
    return Bodies.json(200, Page.of(models, call));
  }

  private ControlResponse model(ApiCall call) {
    String name = call.path("model_name");
    return all(call, Kinds.MODEL, Model.class).stream()
        .filter(m -> m.name().equals(name))
        .findFirst()
        .map(m -> Bodies.json(200, m))
        .orElseThrow(() -> ApiException.notFound("Invalid model name specified: " + name));
  }

  private ControlResponse validators(ApiCall call) {
    List<RequestValidator> validators = all(call, Kinds.REQUEST_VALIDATOR, RequestValidator.class);
    validators.sort(Comparator.comparing(RequestValidator::name));
    return Bodies.json(200, Page.of(validators, call));
  }

  private ControlResponse validator(ApiCall call) {
    String id = call.path("requestvalidator_id");
    return all(call, Kinds.REQUEST_VALIDATOR, RequestValidator.class).stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .map(v -> Bodies.json(200, v))
        .orElseThrow(() -> ApiException.notFound("Invalid Request Validator identifier specified"));
  }
}
