package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.MapEntries;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.GatewayResponse;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GetGatewayResponses, GetGatewayResponse, PutGatewayResponse, UpdateGatewayResponse,
 * DeleteGatewayResponse. Only customized responses are stored; reads resolve the rest through
 * {@link GatewayResponseDefaults}.
 *
 * <p>Implementation notes (LocalStack snapshots {@code TestApiGatewayGatewayResponse}, recorded
 * against AWS): a Put without {@code statusCode} takes the type's built-in status, without
 * templates the built-in template; an Update of a type never put customizes it from its default;
 * Delete of an unset type is a 404; unknown types are a {@code ValidationException} listing the
 * enum in AWS's (unordered) order.
 */
final class GatewayResponseOperations {
  private static final String ENUM_LIST =
      "[REQUEST_TOO_LARGE, RESOURCE_NOT_FOUND, AUTHORIZER_CONFIGURATION_ERROR,"
          + " MISSING_AUTHENTICATION_TOKEN, BAD_REQUEST_BODY, INVALID_SIGNATURE, INVALID_API_KEY,"
          + " BAD_REQUEST_PARAMETERS, AUTHORIZER_FAILURE, UNAUTHORIZED, INTEGRATION_TIMEOUT,"
          + " ACCESS_DENIED, DEFAULT_4XX, DEFAULT_5XX, WAF_FILTERED, QUOTA_EXCEEDED, THROTTLED,"
          + " API_CONFIGURATION_ERROR, UNSUPPORTED_MEDIA_TYPE, INTEGRATION_FAILURE, EXPIRED_TOKEN]";

  // LocalStack snapshot test_update_gateway_response: add/remove /statusCode and unknown paths are
  // "Invalid patch path
  // /x"; a missing entry is a 404; an empty value a 400 naming the map.
  private static final PatchApplier PATCHES =
      PatchApplier.terse()
          .allow("/statusCode", Kind.STRING, PatchApplier.REPLACE)
          .map("/responseParameters", entries("responseParameters"))
          .map("/responseTemplates", entries("responseTemplates"));

  private final ApiRepository repo;

  GatewayResponseOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String uri = "/restapis/{restapi_id}/gatewayresponses/{response_type}";
    routes
        .add("GET", "/restapis/{restapi_id}/gatewayresponses", this::list)
        .add("GET", uri, this::get)
        .add("PUT", uri, this::put)
        .add("PATCH", uri, this::update)
        .add("DELETE", uri, this::delete);
  }

  private ControlResponse list(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    Map<String, GatewayResponse> customized = customized(call.accountId(), apiId);
    List<GatewayResponse> all = new ArrayList<>();
    for (GatewayResponseDefaults.Type t : GatewayResponseDefaults.types()) {
      all.add(GatewayResponseDefaults.resolve(t, customized));
    }
    return Bodies.json(200, Page.of(all, call));
  }

  private ControlResponse get(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    GatewayResponseDefaults.Type t = type(call);
    return Bodies.json(
        200, GatewayResponseDefaults.resolve(t, customized(call.accountId(), apiId)));
  }

  private ControlResponse put(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    GatewayResponseDefaults.Type t = type(call);
    ObjectNode body = call.body();
    String status = Bodies.string(body, "statusCode");
    if (status != null && !MethodResponseOperations.STATUS_CODE.matcher(status).matches()) {
      throw new ApiException(
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + status
              + "' at 'statusCode' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [1-5]\\d\\d");
    }
    Map<String, String> params = Bodies.stringMap(body, "responseParameters");
    Map<String, String> templates = Bodies.stringMap(body, "responseTemplates");
    GatewayResponse gr =
        new GatewayResponse(
            t.name(),
            status != null ? status : t.defaultStatus(),
            params == null ? Map.of() : params,
            templates == null
                ? Map.of("application/json", GatewayResponseDefaults.DEFAULT_TEMPLATE)
                : templates,
            false);
    repo.context().commit(List.of(write(call.accountId(), apiId, gr)));
    return Bodies.json(201, gr);
  }

  private ControlResponse update(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    GatewayResponseDefaults.Type t = type(call);
    GatewayResponse current =
        customized(call.accountId(), apiId)
            .getOrDefault(t.name(), GatewayResponseDefaults.builtIn(t));
    GatewayResponse patched =
        Bodies.patch(
            current,
            GatewayResponse.class,
            PATCHES,
            PatchOperation.listFrom(call.body(), "updateGatewayResponseInput"));
    String status = patched.statusCode();
    if (status != null
        && !status.equals(current.statusCode())
        && !MethodResponseOperations.STATUS_CODE.matcher(status).matches()) {
      throw ApiException.badRequest("Invalid status code specified: " + status);
    }
    Map<String, String> params =
        patched.responseParameters() == null
            ? Map.of()
            : new TreeMap<>(patched.responseParameters());
    Map<String, String> templates =
        patched.responseTemplates() == null ? Map.of() : new TreeMap<>(patched.responseTemplates());
    GatewayResponse updated = new GatewayResponse(t.name(), status, params, templates, false);
    repo.context().commit(List.of(write(call.accountId(), apiId, updated)));
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    String apiId = call.path("restapi_id");
    repo.api(call.accountId(), apiId);
    GatewayResponseDefaults.Type t = type(call);
    if (!customized(call.accountId(), apiId).containsKey(t.name())) {
      throw ApiException.notFound("Gateway response type not defined on api");
    }
    repo.context()
        .commit(
            List.of(
                Write.delete(ApiRepository.gatewayResponseKey(call.accountId(), apiId, t.name()))));
    return ControlResponse.empty(202);
  }

  private static MapEntries entries(String member) {
    return MapEntries.strings()
        .notFound("Invalid parameter name specified")
        .checked(
            (key, value) -> {
              if (value == null || value.isEmpty()) {
                throw ApiException.badRequest("Invalid null or empty value in " + member);
              }
            });
  }

  private static GatewayResponseDefaults.Type type(ApiCall call) {
    String name = call.path("response_type");
    GatewayResponseDefaults.Type t = GatewayResponseDefaults.type(name);
    if (t == null) {
      throw new ApiException(
          400,
          "ValidationException",
          "1 validation error detected: Value '"
              + name
              + "' at 'responseType' failed to satisfy constraint: Member must satisfy enum value"
              + " set: "
              + ENUM_LIST);
    }
    return t;
  }

  /** The API's customized responses, type → response. */
  Map<String, GatewayResponse> customized(String account, String apiId) {
    Map<String, GatewayResponse> out = new HashMap<>();
    for (GatewayResponse gr :
        repo.list(account, Kinds.GATEWAY_RESPONSE, apiId, GatewayResponse.class)) {
      out.put(gr.responseType(), gr);
    }
    return out;
  }

  private static Write write(String account, String apiId, GatewayResponse gr) {
    return Write.put(
        ApiRepository.gatewayResponseKey(account, apiId, gr.responseType()), Documents.write(gr));
  }
}
