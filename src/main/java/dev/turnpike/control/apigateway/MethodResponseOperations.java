package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.MapEntries;
import dev.turnpike.control.Operation;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.Method;
import dev.turnpike.model.MethodResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * PutMethodResponse, GetMethodResponse, UpdateMethodResponse, DeleteMethodResponse. Method
 * responses are embedded in their method ({@code methodResponses}). Note that the model declares
 * 201 for UpdateMethodResponse, and AWS answers it so (LocalStack snapshot {@code
 * test_update_method_response}).
 */
final class MethodResponseOperations {
  static final Pattern STATUS_CODE = Pattern.compile("[1-5]\\d\\d");
  // LocalStack snapshots test_update_method_lack_response_parameters_and_models,
  // test_update_method_wrong_param_names.
  private static final PatchApplier PATCHES =
      PatchApplier.terse()
          .map(
              "/responseParameters",
              MapEntries.flags().notFound("Invalid parameter name specified"))
          .map(
              "/responseModels",
              MapEntries.strings().notFound("Content-Type specified was not found"));

  private final ApiRepository repo;

  MethodResponseOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String uri =
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/responses/{status_code}";
    routes
        .add("PUT", uri, this::put)
        .add("GET", uri, this::get)
        .add("PATCH", uri, this::update)
        .add("DELETE", uri, this::delete);
  }

  private ControlResponse put(ApiCall call) {
    String status = statusCode(call);
    Target t = target(call);
    ObjectNode body = call.body();
    Map<String, Boolean> params = Bodies.boolMap(body, "responseParameters");
    Map<String, String> models = Bodies.stringMap(body, "responseModels");
    // AWS echoes empty maps when none were given (LocalStack snapshot
    // test_lifecycle_method_response).
    MethodResponse mr =
        new MethodResponse(
            status, params == null ? Map.of() : params, models == null ? Map.of() : models);
    save(call, t, status, mr);
    return Bodies.json(201, mr);
  }

  private ControlResponse get(ApiCall call) {
    String status = statusCode(call);
    return Bodies.json(200, existing(target(call).method(), status));
  }

  private ControlResponse update(ApiCall call) {
    // AWS validates the ops and the status code together: one answer naming every error
    List<String> errors = PatchOperation.opErrors(call.body(), "updateMethodResponseInput");
    if (!errors.isEmpty()) {
      String s = call.path("status_code");
      if (!STATUS_CODE.matcher(s).matches()) {
        errors.add(statusCodeError(s));
      }
      throw PatchOperation.validation(errors);
    }
    String status = statusCode(call);
    Target t = target(call);
    MethodResponse mr = existing(t.method(), status);
    MethodResponse patched =
        Bodies.patch(
            mr,
            MethodResponse.class,
            PATCHES,
            PatchOperation.listFrom(call.body(), "updateMethodResponseInput"));
    Map<String, Boolean> params =
        patched.responseParameters() == null
            ? Map.of()
            : new TreeMap<>(patched.responseParameters());
    Map<String, String> models =
        patched.responseModels() == null ? Map.of() : new TreeMap<>(patched.responseModels());
    MethodResponse updated =
        new MethodResponse(
            status, params.isEmpty() ? null : params, models.isEmpty() ? null : models);
    save(call, t, status, updated);
    return Bodies.json(201, updated);
  }

  private ControlResponse delete(ApiCall call) {
    String status = statusCode(call);
    Target t = target(call);
    existing(t.method(), status);
    save(call, t, status, null);
    return ControlResponse.empty(204);
  }

  private Target target(ApiCall call) {
    ApiRepository.MethodAddress at = repo.address(call);
    return new Target(at, at.method());
  }

  private void save(ApiCall call, Target t, String status, @Nullable MethodResponse mr) {
    Map<String, MethodResponse> all =
        t.method().methodResponses() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(t.method().methodResponses());
    if (mr == null) {
      all.remove(status);
    } else {
      all.put(status, mr);
    }
    Method m = t.method().withMethodResponses(all.isEmpty() ? null : all);
    repo.saveMethod(t.at(), m);
  }

  static MethodResponse existing(Method m, String status) {
    MethodResponse mr = m.methodResponses() == null ? null : m.methodResponses().get(status);
    if (mr == null) {
      throw ApiException.notFound("Invalid Response status code specified");
    }
    return mr;
  }

  /**
   * The {@code status_code} path parameter; AWS's validation text (LocalStack snapshot
   * "invalid-statuscode").
   */
  static String statusCode(ApiCall call) {
    String s = call.path("status_code");
    if (!STATUS_CODE.matcher(s).matches()) {
      throw PatchOperation.validation(List.of(statusCodeError(s)));
    }
    return s;
  }

  private static String statusCodeError(String s) {
    return "Value '"
        + s
        + "' at 'statusCode' failed to satisfy constraint: Member must satisfy regular"
        + " expression pattern: [1-5]\\d\\d";
  }

  private record Target(ApiRepository.MethodAddress at, Method method) {}
}
