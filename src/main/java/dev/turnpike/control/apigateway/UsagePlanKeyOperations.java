package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.ApiKey;
import dev.turnpike.model.UsagePlan;
import dev.turnpike.model.UsagePlan.ApiStage;
import dev.turnpike.model.UsagePlanKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateUsagePlanKey, GetUsagePlanKey, GetUsagePlanKeys, DeleteUsagePlanKey.
 *
 * <p>Implementation notes: GetUsagePlanKeys for an unknown plan answers 200 with no items
 * (recorded, spec 2.4 / C52). Answers carry the key's value and name, as AWS's {@code UsagePlanKey}
 * does. A key may be in several plans but in only one plan per API stage (developer guide); a
 * second one is refused with 409 [UNCONF exact message].
 */
final class UsagePlanKeyOperations {
  private final UsageRepository repo;

  UsagePlanKeyOperations(UsageRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/usageplans/{usageplanId}/keys", this::create)
        .add("GET", "/usageplans/{usageplanId}/keys", this::list)
        .add("GET", "/usageplans/{usageplanId}/keys/{keyId}", this::get)
        .add("DELETE", "/usageplans/{usageplanId}/keys/{keyId}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    UsagePlan plan = repo.plan(call.accountId(), call.path("usageplanId"));
    ObjectNode body = call.body();
    String keyId = Bodies.requiredString(body, "keyId");
    String keyType = Bodies.requiredString(body, "keyType");
    if (!keyType.equals("API_KEY")) {
      throw ApiException.badRequest(
          "Invalid Usage Plan Key type specified: " + keyType + ". Valid options are API_KEY");
    }
    ApiKey key = repo.apiKey(call.accountId(), keyId);
    if (repo.planHasKey(call.accountId(), plan.id(), keyId)) {
      throw ApiException.conflict("Usage Plan " + plan.id() + " already contains API Key " + keyId);
    }
    for (UsagePlan other : repo.plans(call.accountId())) {
      if (other.id().equals(plan.id()) || !repo.planHasKey(call.accountId(), other.id(), keyId)) {
        continue;
      }
      for (ApiStage s : plan.apiStages()) {
        for (ApiStage o : other.apiStages()) {
          if (s.apiId().equals(o.apiId()) && s.stage().equals(o.stage())) {
            throw ApiException.conflict(
                "Usage Plan "
                    + plan.id()
                    + " cannot be added because API Key "
                    + keyId
                    + " cannot reference multiple Usage Plans with the same API Stage: "
                    + s.apiId()
                    + ":"
                    + s.stage());
          }
        }
      }
    }
    repo.context()
        .commit(
            List.of(
                Write.create(
                    UsageRepository.planKeyKey(call.accountId(), plan.id(), keyId),
                    Documents.write(new UsagePlanKey(keyId, "API_KEY", null, null)))));
    return Bodies.json(201, view(key));
  }

  private ControlResponse list(ApiCall call) {
    String planId = call.path("usageplanId");
    String nameQuery = call.query("name");
    List<UsagePlanKey> out = new ArrayList<>();
    for (String keyId : repo.planKeyIds(call.accountId(), planId)) {
      repo.findApiKey(call.accountId(), keyId)
          .ifPresent(
              k -> {
                if (nameQuery == null || (k.name() != null && k.name().startsWith(nameQuery))) {
                  out.add(view(k));
                }
              });
    }
    if (out.isEmpty() && call.query("position") == null) {
      return Bodies.json(200, Map.of("item", List.of()));
    }
    return Bodies.json(200, Page.of(out, call));
  }

  private ControlResponse get(ApiCall call) {
    UsagePlan plan = repo.plan(call.accountId(), call.path("usageplanId"));
    String keyId = call.path("keyId");
    if (!repo.planHasKey(call.accountId(), plan.id(), keyId)) {
      throw ApiException.notFound("Invalid API Key identifier specified");
    }
    return Bodies.json(200, view(repo.apiKey(call.accountId(), keyId)));
  }

  private ControlResponse delete(ApiCall call) {
    UsagePlan plan = repo.plan(call.accountId(), call.path("usageplanId"));
    String keyId = call.path("keyId");
    if (!repo.planHasKey(call.accountId(), plan.id(), keyId)) {
      throw ApiException.notFound("Invalid API Key identifier specified");
    }
    repo.context()
        .commit(
            List.of(Write.delete(UsageRepository.planKeyKey(call.accountId(), plan.id(), keyId))));
    return ControlResponse.empty(202);
  }

  private static UsagePlanKey view(ApiKey k) {
    return new UsagePlanKey(k.id(), "API_KEY", k.value(), k.name());
  }
}
