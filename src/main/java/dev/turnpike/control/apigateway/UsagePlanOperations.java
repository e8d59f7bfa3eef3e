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
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
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
 * last segment drops the method's entry). burstLimit and rateLimit are not cross-validated (AWS
 * accepts burst 20 with rate 10).
 */
final class UsagePlanOperations {
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

  private ControlResponse update(ApiCall call) {
    UsagePlan p = repo.plan(call.accountId(), call.path("usageplanId"));
    String name = p.name();
    String description = p.description();
    String productCode = p.productCode();
    List<ApiStage> stages = new ArrayList<>(p.apiStages());
    ThrottleSettings throttle = p.throttle();
    QuotaSettings quota = p.quota();
    boolean quotaChanged = false;
    for (PatchOperation op : PatchOperation.listFrom(call.body())) {
      boolean remove = op.op().equals("remove");
      if (!remove && !op.op().equals("replace") && !op.op().equals("add")) {
        throw ApiException.badRequest(
            "Invalid patch operation specified. Must be 'add'|'remove'|'replace'");
      }
      String[] raw = op.path().substring(1).split("/", -1);
      switch (raw[0]) {
        case "name" -> name = remove ? p.name() : op.requireValue();
        case "description" -> description = remove ? null : op.requireValue();
        case "productCode" -> productCode = remove ? null : op.requireValue();
        case "apiStages" -> {
          if (raw.length == 1) {
            patchStages(call.accountId(), p.id(), stages, op);
          } else {
            patchMethodThrottle(p.id(), stages, op, raw);
          }
        }
        case "throttle" -> {
          if (remove && raw.length == 1) {
            throttle = null;
          } else if (raw.length == 2) {
            throttle = patchThrottle(throttle, raw[1], remove ? null : op.requireValue(), op);
          } else {
            throw badPath(op);
          }
        }
        case "quota" -> {
          quotaChanged = true;
          if (remove && raw.length == 1) {
            quota = null;
          } else if (raw.length == 2) {
            quota = patchQuota(quota, raw[1], remove ? null : op.requireValue(), op);
          } else {
            throw badPath(op);
          }
        }
        default -> throw badPath(op);
      }
    }
    if (quota != null) {
      validate(quota);
    }
    if (throttle != null) {
      validate(throttle);
    }
    Long quotaSetAt =
        quota == null
            ? null
            : quotaChanged || p.quotaSetAt() == null
                ? Long.valueOf(repo.context().clock().millis())
                : p.quotaSetAt();
    UsagePlan updated =
        new UsagePlan(
            p.id(), name, description, stages, throttle, quota, productCode, p.tags(), quotaSetAt);
    repo.context()
        .commit(
            List.of(
                Write.put(
                    UsageRepository.planKey(call.accountId(), p.id()), Documents.write(updated))));
    return Bodies.json(200, updated.view());
  }

  private void patchStages(
      String account, String planId, List<ApiStage> stages, PatchOperation op) {
    String v = op.value();
    int colon = v == null ? -1 : v.indexOf(':');
    if (v == null || colon <= 0 || colon == v.length() - 1) {
      throw ApiException.badRequest("Invalid API Stage specified");
    }
    String apiId = v.substring(0, colon);
    String stage = v.substring(colon + 1);
    int at = indexOf(stages, apiId, stage);
    switch (op.op()) {
      case "add" -> {
        checkStage(account, apiId, stage, planId);
        if (at < 0) {
          stages.add(new ApiStage(apiId, stage, null));
        }
      }
      case "remove" -> {
        if (at < 0) {
          throw ApiException.notFound(
              "Invalid API Stage {api: "
                  + apiId
                  + ", stage: "
                  + stage
                  + "} specified for usageplan "
                  + planId);
        }
        stages.remove(at);
      }
      default ->
          throw ApiException.badRequest(
              "Invalid patch operation specified. Must be 'add'|'remove'");
    }
  }

  /** {@code /apiStages/{api}:{stage}/throttle/{~1path}/{METHOD}[/rateLimit|/burstLimit]}. */
  private static void patchMethodThrottle(
      String planId, List<ApiStage> stages, PatchOperation op, String[] raw) {
    if (raw.length < 5 || !raw[2].equals("throttle")) {
      throw badPath(op);
    }
    int colon = raw[1].indexOf(':');
    if (colon <= 0) {
      throw ApiException.badRequest("Invalid API Stage specified");
    }
    String apiId = raw[1].substring(0, colon);
    String stage = raw[1].substring(colon + 1);
    int at = indexOf(stages, apiId, stage);
    if (at < 0) {
      throw ApiException.notFound(
          "Invalid API Stage {api: "
              + apiId
              + ", stage: "
              + stage
              + "} specified for usageplan "
              + planId);
    }
    String key = PatchOperation.unescape(raw[3]) + "/" + raw[4];
    ApiStage s = stages.get(at);
    Map<String, ThrottleSettings> map =
        s.throttle() == null ? new TreeMap<>() : new TreeMap<>(s.throttle());
    if (raw.length == 5 && op.op().equals("remove")) {
      map.remove(key);
    } else if (raw.length == 6) {
      map.put(
          key,
          validate(
              patchThrottle(
                  map.get(key), raw[5], op.op().equals("remove") ? null : op.requireValue(), op)));
    } else {
      throw badPath(op);
    }
    stages.set(at, new ApiStage(apiId, stage, map.isEmpty() ? null : map));
  }

  private static ThrottleSettings patchThrottle(
      @Nullable ThrottleSettings t, String member, @Nullable String value, PatchOperation op) {
    Integer burst = t == null ? null : t.burstLimit();
    Double rate = t == null ? null : t.rateLimit();
    try {
      switch (member) {
        case "burstLimit" -> burst = value == null ? null : Integer.valueOf(value.trim());
        case "rateLimit" -> rate = value == null ? null : Double.valueOf(value.trim());
        default -> throw badPath(op);
      }
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Invalid " + member + " value '" + value + "' for " + op.path());
    }
    return new ThrottleSettings(burst, rate);
  }

  private static QuotaSettings patchQuota(
      @Nullable QuotaSettings q, String member, @Nullable String value, PatchOperation op) {
    Integer limit = q == null ? null : q.limit();
    Integer offset = q == null ? null : q.offset();
    String period = q == null ? null : q.period();
    try {
      switch (member) {
        case "limit" -> limit = value == null ? null : Integer.valueOf(value.trim());
        case "offset" -> offset = value == null ? null : Integer.valueOf(value.trim());
        case "period" -> period = value == null ? null : value.trim();
        default -> throw badPath(op);
      }
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Invalid " + member + " value '" + value + "' for " + op.path());
    }
    return new QuotaSettings(limit, offset == null ? Integer.valueOf(0) : offset, period);
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
      throw ApiException.notFound(
          "Invalid API Stage {api: "
              + apiId
              + ", stage: "
              + stage
              + "} specified for usageplan "
              + planId);
    }
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

  private static int indexOf(List<ApiStage> stages, String apiId, String stage) {
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).apiId().equals(apiId) && stages.get(i).stage().equals(stage)) {
        return i;
      }
    }
    return -1;
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
