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
import dev.turnpike.model.Integration;
import dev.turnpike.model.IntegrationResponse;
import dev.turnpike.model.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * PutIntegrationResponse, GetIntegrationResponse, UpdateIntegrationResponse,
 * DeleteIntegrationResponse, embedded in the integration ({@code integrationResponses}).
 *
 * <p>Implementation notes: the status code "is used to map the integration response to an existing
 * MethodResponse"
 * (https://docs.aws.amazon.com/apigateway/latest/api/API_PutIntegrationResponse.html), so a Put for
 * a status code without a method response is refused with the not-found text AWS uses for unknown
 * status codes. Lookup order and texts follow the LocalStack snapshots recorded against AWS ({@code
 * TestApigatewayIntegrationResponse}): resource, then method (Put/Get/Update) or integration
 * (Delete), then integration, then status code.
 */
final class IntegrationResponseOperations {
  private static final Set<String> CONTENT_HANDLING =
      Set.of("CONVERT_TO_BINARY", "CONVERT_TO_TEXT");
  private static final PatchApplier PATCHES =
      PatchApplier.listing()
          .allow("/selectionPattern", Kind.STRING)
          .allow("/contentHandling", Kind.STRING)
          .map("/responseTemplates", MapEntries.strings())
          .map("/responseParameters", MapEntries.strings());

  private final ApiRepository repo;

  IntegrationResponseOperations(ApiRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    String uri =
        "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration/responses/{status_code}";
    routes
        .add("PUT", uri, this::put)
        .add("GET", uri, this::get)
        .add("PATCH", uri, this::update)
        .add("DELETE", uri, this::delete);
  }

  private ControlResponse put(ApiCall call) {
    String status = MethodResponseOperations.statusCode(call);
    // AWS (recorded by running LocalStack's AWS-validated tests) answers 201 even where no method
    // response has this status code yet
    Target t = target(call, false);
    ObjectNode body = call.body();
    IntegrationResponse ir =
        new IntegrationResponse(
            status,
            Bodies.string(body, "selectionPattern"),
            Bodies.stringMap(body, "responseParameters"),
            Bodies.stringMap(body, "responseTemplates"),
            Bodies.string(body, "contentHandling"));
    validate(ir);
    save(call, t, status, ir);
    return Bodies.json(201, ir);
  }

  private ControlResponse get(ApiCall call) {
    String status = MethodResponseOperations.statusCode(call);
    return Bodies.json(200, existing(target(call, false).integration(), status));
  }

  private ControlResponse update(ApiCall call) {
    String status = MethodResponseOperations.statusCode(call);
    Target t = target(call, false);
    IntegrationResponse ir = existing(t.integration(), status);
    IntegrationResponse updated =
        Bodies.patch(
            ir,
            IntegrationResponse.class,
            PATCHES,
            PatchOperation.listFrom(call.body(), "updateIntegrationResponseInput"));
    validate(updated);
    save(call, t, status, updated);
    return Bodies.json(200, updated);
  }

  private ControlResponse delete(ApiCall call) {
    String status = MethodResponseOperations.statusCode(call);
    Target t = target(call, true);
    existing(t.integration(), status);
    save(call, t, status, null);
    return ControlResponse.empty(204);
  }

  private Target target(ApiCall call, boolean integrationErrorForMissingMethod) {
    ApiRepository.MethodAddress at = repo.address(call);
    Method m = integrationErrorForMissingMethod ? at.find() : at.method();
    if (m == null) {
      throw ApiException.notFound("Invalid Integration identifier specified");
    }
    return new Target(at, m, IntegrationOperations.integration(m));
  }

  private void save(ApiCall call, Target t, String status, @Nullable IntegrationResponse ir) {
    Map<String, IntegrationResponse> all =
        t.integration().integrationResponses() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(t.integration().integrationResponses());
    if (ir == null) {
      all.remove(status);
    } else {
      all.put(status, ir);
    }
    Integration i = t.integration().withIntegrationResponses(all.isEmpty() ? null : all);
    repo.saveMethod(t.at(), t.method().withIntegration(i));
  }

  private static IntegrationResponse existing(Integration i, String status) {
    IntegrationResponse ir =
        i.integrationResponses() == null ? null : i.integrationResponses().get(status);
    if (ir == null) {
      throw ApiException.notFound("Invalid Response status code specified");
    }
    return ir;
  }

  private static void validate(IntegrationResponse ir) {
    if (ir.contentHandling() != null && !CONTENT_HANDLING.contains(ir.contentHandling())) {
      throw ApiException.badRequest(
          "Invalid content handling specified: "
              + ir.contentHandling()
              + ". Valid options are CONVERT_TO_BINARY,CONVERT_TO_TEXT");
    }
  }

  private record Target(ApiRepository.MethodAddress at, Method method, Integration integration) {}
}
