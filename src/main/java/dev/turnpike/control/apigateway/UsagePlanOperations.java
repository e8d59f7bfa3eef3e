package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.MapEntries;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.ValueList;
import dev.turnpike.counters.QuotaPeriod;
import dev.turnpike.model.UsagePlan;
import dev.turnpike.model.UsagePlan.ApiStage;
import dev.turnpike.model.UsagePlan.QuotaSettings;
import dev.turnpike.model.UsagePlan.ThrottleSettings;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * CreateUsagePlan, GetUsagePlan, GetUsagePlans ({@code keyId} filter), UpdateUsagePlan,
 * DeleteUsagePlan.
 *
 * <p>Implementation notes (spec 2.4): unknown plan → 404 {@code Invalid Usage Plan ID specified}; a
 * missing or malformed {@code /apiStages} value → 400 {@code Invalid API Stage specified}; an
 * unknown API or stage → 404 {@code Invalid API Stage {api: X, stage: Y} specified for usageplan Z}
 * (recorded by LocalStack against AWS). Patch paths: {@code /name}, {@code /description}, {@code
 * /productCode}, {@code /apiStages} (add/remove {@code api:stage}), {@code
 * /throttle/rateLimit|burstLimit}, {@code /quota/limit|offset|period} (remove {@code /throttle} or
 * {@code /quota} drops them), and per-method throttles {@code
 * /apiStages/{api}:{stage}/throttle/{~1path}/{METHOD}/rateLimit|burstLimit} (remove without the
 * last segment drops the method's entry), all declared to {@link PatchApplier}; per-method
 * throttles are stored and answered sorted by key. burstLimit and rateLimit are not cross-validated
 * (AWS accepts burst 20 with rate 10).
 */
final class UsagePlanOperations {
  private static final Set<String> ADD_OR_REPLACE = Set.of("add", "replace");

  private final UsageRepository repo;

  UsagePlanOperations(UsageRepository repo) {
    this.repo = repo;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("POST", "/usageplans", this::create)
        .add("GET", "/usageplans", this::list)
        .add("GET", "/usageplans/{usageplanId}", this::get)
        .add("PATCH", "/usageplans/{usageplanId}", this::update)
        .add("DELETE", "/usageplans/{usageplanId}", this::delete);
  }

  private ControlResponse create(ApiCall call) {
    ObjectNode body = call.body();
    String name = Bodies.requiredString(body, "name");
    String id = Ids.shortId();
    List<ApiStage> stages = new ArrayList<>();
    JsonNode raw = body.get("apiStages");
    if (raw != null && !raw.isNull()) {
      if (!raw.isArray()) {
        throw ApiException.badRequest("Invalid API Stage specified");
      }
      for (JsonNode s : raw) {
        ApiStage st = readApiStage(s);
        checkStage(call.accountId(), st.apiId(), st.stage(), id);
        stages.add(st);
      }
    }
    ThrottleSettings throttle =
        body.has("throttle") && !body.get("throttle").isNull()
            ? validate(read(body.get("throttle"), ThrottleSettings.class))
            : null;
    QuotaSettings quota =
        body.has("quota") && !body.get("quota").isNull()
            ? validate(read(body.get("quota"), QuotaSettings.class))
            : null;
    UsagePlan plan =
        new UsagePlan(
            id,
            name,
            Bodies.string(body, "description"),
            stages,
            throttle,
            quota,
            Bodies.string(body, "productCode"),
            Bodies.stringMap(body, "tags"),
            quota == null ? null : repo.context().clock().millis());
    repo.context()
        .commit(
            List.of(
                Write.create(
                    UsageRepository.planKey(call.accountId(), id), Documents.write(plan))));
    return Bodies.json(201, plan.view());
  }

  private ControlResponse list(ApiCall call) {
    String keyId = call.query("keyId");
    List<UsagePlan> out = new ArrayList<>();
    for (UsagePlan p : repo.plans(call.accountId())) {
      if (keyId == null || repo.planHasKey(call.accountId(), p.id(), keyId)) {
        out.add(p.view());
      }
    }
    out.sort(Comparator.comparing(UsagePlan::name).thenComparing(UsagePlan::id));
    return Bodies.json(200, Page.of(out, call));
  }

  private ControlResponse get(ApiCall call) {
    return Bodies.json(200, repo.plan(call.accountId(), call.path("usageplanId")).view());
  }

  /**
   * UpdateUsagePlan's paths. Per call: adding a stage checks it exists for the caller, and both
   * not-found answers name the plan.
   */
  private PatchApplier patches(String account, String planId) {
    return PatchApplier.unknownPath(UsagePlanOperations::badPath)
        .invalidNumber(
            op ->
                ApiException.badRequest(
                    "Invalid "
                        + op.segments().get(op.segments().size() - 1)
                        + " value '"
                        + op.value()
                        + "' for "
                        + op.path()))
        .allow("/name", Kind.STRING, ADD_OR_REPLACE)
        .custom("/name", PatchApplier.REMOVE, (tree, op, raw) -> {}) // a plan keeps its name
        .allow("/description", Kind.STRING)
        .allow("/productCode", Kind.STRING)
        .values(
            "/apiStages",
            ValueList.of(UsagePlanOperations::apiStage)
                .checked(s -> checkStage(account, apiId(s), stage(s), planId))
                .notFound(s -> stageNotFound(apiId(s), stage(s), planId)))
        .map("/apiStages/*/throttle", MapEntries.structures().byMethod())
        .allow("/apiStages/*/throttle/*/*/rateLimit", Kind.DOUBLE)
        .allow("/apiStages/*/throttle/*/*/burstLimit", Kind.INT)
        .allow("/throttle", Kind.STRUCTURE, PatchApplier.REMOVE)
        .allow("/throttle/rateLimit", Kind.DOUBLE)
        .allow("/throttle/burstLimit", Kind.INT)
        .allow("/quota", Kind.STRUCTURE, PatchApplier.REMOVE)
        .allow("/quota/limit", Kind.INT)
        .allow("/quota/offset", Kind.INT)
        .allow("/quota/period", Kind.STRING);
  }

  private ControlResponse update(ApiCall call) {
    UsagePlan p = repo.plan(call.accountId(), call.path("usageplanId"));
    List<PatchOperation> ops = PatchOperation.listFrom(call.body(), "updateUsagePlanInput");
    UsagePlan patched = Bodies.patch(p, UsagePlan.class, patches(call.accountId(), p.id()), ops);
    List<ApiStage> stages = new ArrayList<>();
    for (ApiStage s : patched.apiStages()) {
      stages.add(validate(s));
    }
    ThrottleSettings throttle = patched.throttle() == null ? null : validate(patched.throttle());
    QuotaSettings quota = patched.quota() == null ? null : validate(trimmed(patched.quota()));
    boolean quotaChanged = ops.stream().anyMatch(op -> op.segments().get(0).equals("quota"));
    Long quotaSetAt =
        quota == null
            ? null
            : quotaChanged || p.quotaSetAt() == null
                ? Long.valueOf(repo.context().clock().millis())
                : p.quotaSetAt();
    UsagePlan updated =
        new UsagePlan(
            p.id(),
            patched.name(),
            patched.description(),
            stages,
            throttle,
            quota,
            patched.productCode(),
            p.tags(),
            quotaSetAt);
    repo.context()
        .commit(
            List.of(
                Write.put(
                    UsageRepository.planKey(call.accountId(), p.id()), Documents.write(updated))));
    return Bodies.json(200, updated.view());
  }

  /** {@code api:stage}, the value of {@code /apiStages} and its path segment. */
  private static JsonNode apiStage(@Nullable String v) {
    int colon = v == null ? -1 : v.indexOf(':');
    if (v == null || colon <= 0 || colon == v.length() - 1) {
      throw ApiException.badRequest("Invalid API Stage specified");
    }
    return Documents.MAPPER
        .createObjectNode()
        .put("apiId", v.substring(0, colon))
        .put("stage", v.substring(colon + 1));
  }

  private static String apiId(JsonNode apiStage) {
    return apiStage.get("apiId").asText();
  }

  private static String stage(JsonNode apiStage) {
    return apiStage.get("stage").asText();
  }

  /** Per-method throttles valid, sorted by key; none is null. */
  private static ApiStage validate(ApiStage s) {
    if (s.throttle() == null || s.throttle().isEmpty()) {
      return new ApiStage(s.apiId(), s.stage(), null);
    }
    Map<String, ThrottleSettings> byMethod = new TreeMap<>();
    s.throttle().forEach((key, t) -> byMethod.put(key, validate(t)));
    return new ApiStage(s.apiId(), s.stage(), byMethod);
  }

  private static QuotaSettings trimmed(QuotaSettings q) {
    return q.period() == null ? q : new QuotaSettings(q.limit(), q.offset(), q.period().trim());
  }

  private static ThrottleSettings validate(ThrottleSettings t) {
    if (t.burstLimit() != null && t.burstLimit() < 0) {
      throw ApiException.badRequest("burstLimit: " + t.burstLimit() + " (expected: >= 0)");
    }
    if (t.rateLimit() != null && (t.rateLimit() < 0 || t.rateLimit().isNaN())) {
      throw ApiException.badRequest("rateLimit: " + t.rateLimit() + " (expected: >= 0)");
    }
    return t;
  }

  private static QuotaSettings validate(QuotaSettings q) {
    if (q.period() == null || QuotaPeriod.parse(q.period()) == null) {
      throw ApiException.badRequest(
          "Invalid quota period specified: " + q.period() + ". Valid options are DAY,WEEK,MONTH");
    }
    if (q.limit() == null || q.limit() <= 0) {
      throw ApiException.badRequest("Quota limit must be greater than 0");
    }
    int offset = q.offset() == null ? 0 : q.offset();
    if (offset < 0 || offset >= q.limit()) {
      throw ApiException.badRequest("Quota offset must be between 0 and " + (q.limit() - 1));
    }
    return new QuotaSettings(q.limit(), offset, q.period());
  }

  private ControlResponse delete(ApiCall call) {
    UsagePlan p = repo.plan(call.accountId(), call.path("usageplanId"));
    List<Write> writes = new ArrayList<>();
    writes.add(Write.delete(UsageRepository.planKey(call.accountId(), p.id())));
    for (String keyId : repo.planKeyIds(call.accountId(), p.id())) {
      writes.add(Write.delete(UsageRepository.planKeyKey(call.accountId(), p.id(), keyId)));
    }
    repo.context().commit(writes);
    return ControlResponse.empty(202);
  }

  private void checkStage(String account, String apiId, String stage, String planId) {
    if (repo.context().store().get(ApiRepository.stageKey(account, apiId, stage)).isEmpty()) {
      throw stageNotFound(apiId, stage, planId);
    }
  }

  private static ApiException stageNotFound(String apiId, String stage, String planId) {
    return ApiException.notFound(
        "Invalid API Stage {api: "
            + apiId
            + ", stage: "
            + stage
            + "} specified for usageplan "
            + planId);
  }

  private static ApiStage readApiStage(JsonNode s) {
    if (!s.isObject() || !s.path("apiId").isTextual() || !s.path("stage").isTextual()) {
      throw ApiException.badRequest("Invalid API Stage specified");
    }
    Map<String, ThrottleSettings> throttle = null;
    if (s.has("throttle") && s.get("throttle").isObject()) {
      throttle = new LinkedHashMap<>();
      for (var it = s.get("throttle").fields(); it.hasNext(); ) {
        var e = it.next();
        throttle.put(e.getKey(), validate(read(e.getValue(), ThrottleSettings.class)));
      }
    }
    return new ApiStage(s.get("apiId").asText(), s.get("stage").asText(), throttle);
  }

  private static <T> T read(JsonNode n, Class<T> type) {
    try {
      return Documents.MAPPER.treeToValue(n, type);
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("Invalid value: " + e.getOriginalMessage());
    }
  }

  private static ApiException badPath(PatchOperation op) {
    return ApiException.badRequest(
        "Invalid patch path '"
            + op.path()
            + "' specified for op '"
            + op.op()
            + "'. Must be one of: [/name, /description, /productCode, /apiStages,"
            + " /throttle/rateLimit, /throttle/burstLimit, /quota/limit, /quota/offset,"
            + " /quota/period, "
            + "/apiStages/{apiId}:{stage}/throttle/{resourcePath}/{httpMethod}/(rateLimit|burstLimit)]");
  }
}
