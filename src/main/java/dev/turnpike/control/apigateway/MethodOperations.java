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
import dev.turnpike.model.Method;
import dev.turnpike.model.Model;
import dev.turnpike.store.Kinds;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * PutMethod, GetMethod, UpdateMethod, DeleteMethod. A method lives inside its resource document
 * ({@code resourceMethods}), so every write rewrites that one document.
 *
 * <p>Implementation notes: PutMethod on an existing method replaces it whole, dropping its method
 * responses and integration, as AWS does
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_PutMethod.html: "Add a method to an
 * existing Resource resource"; re-putting is how CloudFormation replaces one). Error texts follow
 * the LocalStack snapshots recorded against AWS ({@code TestApiGatewayApiMethod}).
 */
final class MethodOperations {
  static final Set<String> HTTP_METHODS =
      Set.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY");
  private static final Set<String> AUTH_TYPES =
      Set.of("NONE", "AWS_IAM", "CUSTOM", "COGNITO_USER_POOLS");
  // LocalStack snapshot test_update_method_validation: scalars take replace only
  // ("unsupported-operation"), a wrong
  // path is "Invalid patch path /x" ("unsupported-path", "wrong-path-request-models"), replace
  // /apiKeyRequired
  // "whatever" is accepted as false ("wrong-value-type").
  private static final PatchApplier PATCHES =
      PatchApplier.terse()
          .unsupportedOp(
              op ->
                  ApiException.badRequest(
                      "Invalid patch operation specified. Must be one of: [replace]"))
          .allow("/authorizationType", Kind.STRING, PatchApplier.REPLACE)
          .allow("/apiKeyRequired", Kind.FLAG, PatchApplier.REPLACE)
          .allow("/operationName", Kind.STRING, PatchApplier.REPLACE)
          .allow("/authorizerId", Kind.STRING, PatchApplier.REPLACE)
          .allow("/requestValidatorId", Kind.NULLABLE_STRING, PatchApplier.REPLACE)
          .map("/requestParameters", MapEntries.flags())
          .map("/requestModels", MapEntries.strings())
          .allow("/authorizationScopes/*", Kind.LIST_VALUE);

  private final ApiRepository repo;

  MethodOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String uri = "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}";
    routes
        .add("PUT", uri, this::put)
        .add("GET", uri, this::get)
        .add("PATCH", uri, this::update)
        .add("DELETE", uri, this::delete);
  }

  private ControlResponse put(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    String httpMethod = at.httpMethod();
    ObjectNode body = call.body();
    String authType = Bodies.string(body, "authorizationType");
    Boolean apiKeyRequired = Bodies.bool(body, "apiKeyRequired");
    Method m =
        new Method(
            httpMethod,
            authType == null ? "" : authType,
            Bodies.string(body, "authorizerId"),
            apiKeyRequired != null && apiKeyRequired,
            emptyToNull(Bodies.string(body, "requestValidatorId")),
            Bodies.string(body, "operationName"),
            Bodies.boolMap(body, "requestParameters"),
            Bodies.stringMap(body, "requestModels"),
            null,
            null,
            Bodies.stringList(body, "authorizationScopes"));
    validate(at, m);
    repo.saveMethod(at, m);
    return Bodies.json(201, m);
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, repo.address(call).method());
  }

  private ControlResponse update(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    Method m = at.method();
    Method updated = Bodies.patch(m, Method.class, PATCHES, PatchOperation.listFrom(call.body()));
    validate(at, updated);
    repo.saveMethod(at, updated);
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    at.method();
    repo.saveMethod(at, null);
    return ControlResponse.empty(204);
  }

  /**
   * The {@code http_method} path parameter, checked against AWS's list (LocalStack snapshot
   * "wrong-method").
   */
  static String httpMethod(ApiCall call) {
    String m = call.path("http_method").toUpperCase(Locale.ROOT);
    if (!HTTP_METHODS.contains(m)) {
      throw ApiException.badRequest(
          "Invalid HttpMethod specified. Valid options are"
              + " GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY");
    }
    return m;
  }

  private void validate(ApiRepository.MethodAddress at, Method m) {
    if (!AUTH_TYPES.contains(m.authorizationType())) {
      throw ApiException.badRequest(
          "Invalid authorization type specified. Valid options are"
              + " NONE,AWS_IAM,CUSTOM,COGNITO_USER_POOLS");
    }
    boolean needsAuthorizer =
        m.authorizationType().equals("CUSTOM")
            || m.authorizationType().equals("COGNITO_USER_POOLS");
    String authorizerId = m.authorizerId();
    if (needsAuthorizer
        && (authorizerId == null
            || authorizerId.isBlank()
            || repo.context()
                .store()
                .get(AuthorizerOperations.key(at.account(), at.apiId(), authorizerId))
                .isEmpty())) {
      throw ApiException.badRequest(
          "Invalid authorizer ID specified. Setting the authorization type to CUSTOM or "
              + "COGNITO_USER_POOLS requires a valid authorizer.");
    }
    validateValidation(at, m);
  }

  /**
   * A method's validator and request models must exist (spec 11.1, recorded: "Invalid Request
   * Validator identifier specified", "Invalid model identifier specified: {name}").
   */
  private void validateValidation(ApiRepository.MethodAddress at, Method m) {
    String validatorId = m.requestValidatorId();
    if (validatorId != null
        && repo.context()
            .store()
            .get(RequestValidatorOperations.key(at.account(), at.apiId(), validatorId))
            .isEmpty()) {
      throw ApiException.badRequest("Invalid Request Validator identifier specified");
    }
    if (m.requestModels() == null || m.requestModels().isEmpty()) {
      return;
    }
    Set<String> names = new java.util.HashSet<>();
    for (Model model : repo.list(at.account(), Kinds.MODEL, at.apiId(), Model.class)) {
      names.add(model.name());
    }
    for (String name : m.requestModels().values()) {
      if (!names.contains(name)) {
        throw ApiException.badRequest("Invalid model identifier specified: " + name);
      }
    }
  }

  private static @Nullable String emptyToNull(@Nullable String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }
}
