package dev.turnpike.snapshot;

import static java.util.Objects.requireNonNull;

import dev.turnpike.auth.keys.ApiKeyMask;
import dev.turnpike.counters.Counters;
import dev.turnpike.counters.Limiter;
import dev.turnpike.counters.QuotaRule;
import dev.turnpike.counters.UsageMeter;
import dev.turnpike.model.ApiKey;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.Method;
import dev.turnpike.model.MethodSetting;
import dev.turnpike.model.Resource;
import dev.turnpike.model.Stage;
import dev.turnpike.model.UsagePlan;
import dev.turnpike.model.UsagePlan.ApiStage;
import dev.turnpike.model.UsagePlan.ThrottleSettings;
import dev.turnpike.model.UsagePlanKey;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Compiles API keys, usage plans and stage method settings into {@link StageMetering}s, asking
 * {@link Counters} for limiters and meters by stable ids (their state outlives the snapshot). One
 * {@link Round} per snapshot compile.
 *
 * <p>Bucket ids: {@code account/{acct}}; {@code stage/{api}/{stage}/{resourceId}/{METHOD}} (one
 * bucket per method, limited by the method's own {@code methodSettings} throttle, else the stage's
 * {@code *}/{@code *}); {@code plan/{plan}/key/{key}} (per key, across all stages of the plan); and
 * {@code plan/{plan}/key/{key}/{api}/{stage}/{resourceId}/{METHOD}} for a plan's per-method
 * throttle, which replaces the plan's per-key bucket for that method ("most specific wins", spec
 * 2.3 [UNCONF]).
 */
public final class MeteringCompiler {
  private final Counters counters;
  private final double accountRate;
  private final int accountBurst;
  private final Map<String, DeploymentFacts> deployments = new ConcurrentHashMap<>();

  public MeteringCompiler(Counters counters, double accountRate, int accountBurst) {
    this.counters = requireNonNull(counters, "counters");
    this.accountRate = accountRate;
    this.accountBurst = accountBurst;
  }

  Round begin(ConfigStore store) {
    return new Round(store);
  }

  /** One compile: reads keys, plans and plan keys once, then compiles stage by stage. */
  final class Round {
    private final Map<String, ApiKey> keysById = new HashMap<>();
    private final Map<String, KeyIndex.Entry> index = new HashMap<>();
    private final Map<String, String> keyAccount = new HashMap<>();

    /** "apiId/stage" → the plans that include it. */
    private final Map<String, List<PlanStage>> plansByStage = new HashMap<>();

    private final Map<String, List<String>> keysByPlan = new HashMap<>();
    private final Map<String, Limiter> accounts = new HashMap<>();
    private final Set<String> limiterIds = new HashSet<>();
    private final Set<String> usedDeployments = new HashSet<>();

    Round(ConfigStore store) {
      for (Document d : store.listKind(Kinds.API_KEY)) {
        ApiKey k = Documents.read(d, ApiKey.class);
        keysById.put(k.id(), k);
        keyAccount.put(k.id(), d.key().accountId());
        if (k.value() != null) {
          index.put(k.value(), new KeyIndex.Entry(k.id(), d.key().accountId(), k.enabled()));
        }
      }
      for (Document d : store.listKind(Kinds.USAGE_PLAN_KEY)) {
        keysByPlan
            .computeIfAbsent(d.key().scope(), x -> new ArrayList<>())
            .add(Documents.read(d, UsagePlanKey.class).id());
      }
      for (Document d : store.listKind(Kinds.USAGE_PLAN)) {
        UsagePlan p = Documents.read(d, UsagePlan.class);
        QuotaRule quota = QuotaRule.of(p.quota(), p.quotaSetAt() == null ? 0 : p.quotaSetAt());
        for (ApiStage s : p.apiStages()) {
          plansByStage
              .computeIfAbsent(
                  d.key().accountId() + "/" + s.apiId() + "/" + s.stage(), x -> new ArrayList<>())
              .add(new PlanStage(p, s, quota));
        }
      }
    }

    StageMetering stage(
        String accountId,
        String apiId,
        Stage stage,
        String deploymentKey,
        Supplier<DeployedApi> deployed) {
      DeploymentFacts facts =
          deployments.computeIfAbsent(
              deploymentKey,
              k -> {
                DeployedApi d = deployed.get();
                return new DeploymentFacts(
                    d.resources(), !"AUTHORIZER".equals(d.api().apiKeySource()));
              });
      List<Resource> resources = facts.resources();
      usedDeployments.add(deploymentKey);
      Map<String, String> idByPath = new HashMap<>();
      for (Resource r : resources) {
        idByPath.put(r.path(), r.id());
      }
      String stageName = stage.stageName();
      Map<String, MethodSetting> settings =
          stage.methodSettings() == null ? Map.of() : stage.methodSettings();
      MethodSetting all = settings.get("*/*");
      LogLevel defaultLevel = LogLevel.parse(all == null ? null : all.loggingLevel());

      Map<String, Map<String, StageMetering.MethodMetering>> methods = new HashMap<>();
      for (Resource r : resources) {
        if (r.resourceMethods() == null) {
          continue;
        }
        for (Map.Entry<String, Method> e : r.resourceMethods().entrySet()) {
          String httpMethod = e.getKey();
          MethodSetting own = settings.get(escape(r.path()) + "/" + httpMethod);
          MethodSetting effective = own != null ? own : all;
          Limiter limiter = null;
          if (effective != null) {
            String id = "stage/" + apiId + "/" + stageName + "/" + r.id() + "/" + httpMethod;
            limiter =
                counters.limiter(
                    id, effective.throttlingRateLimit(), effective.throttlingBurstLimit());
            limiterIds.add(id);
          }
          LogLevel level =
              own != null && own.loggingLevel() != null
                  ? LogLevel.parse(own.loggingLevel())
                  : defaultLevel;
          methods
              .computeIfAbsent(r.id(), x -> new HashMap<>())
              .put(httpMethod, new StageMetering.MethodMetering(limiter, level));
        }
      }

      Map<String, KeyGrant> grants = new HashMap<>();
      for (PlanStage ps :
          plansByStage.getOrDefault(accountId + "/" + apiId + "/" + stageName, List.of())) {
        for (String keyId : keysByPlan.getOrDefault(ps.plan().id(), List.of())) {
          ApiKey k = keysById.get(keyId);
          if (k == null
              || !k.enabled()
              || k.value() == null
              || !accountId.equals(keyAccount.get(keyId))) {
            continue;
          }
          grants.put(k.value(), grant(ps, k, apiId, stageName, idByPath));
        }
      }
      Limiter account = account(accountId);
      return new StageMetering(
          facts.apiKeyFromHeader(),
          Map.copyOf(grants),
          copy(methods),
          new StageMetering.MethodMetering(null, defaultLevel),
          account);
    }

    private KeyGrant grant(
        PlanStage ps, ApiKey k, String apiId, String stageName, Map<String, String> idByPath) {
      UsagePlan plan = ps.plan();
      String base = "plan/" + plan.id() + "/key/" + k.id();
      Limiter planLimiter = limiter(base, plan.throttle());
      Map<String, Map<String, Limiter>> perMethod = new HashMap<>();
      if (ps.stage().throttle() != null) {
        for (Map.Entry<String, ThrottleSettings> e : ps.stage().throttle().entrySet()) {
          // "/pets/GET", root "//GET": the method is after the last '/'
          String key = e.getKey();
          int slash = key.lastIndexOf('/');
          if (slash < 1) {
            continue;
          }
          String path = key.substring(0, slash);
          String resourceId =
              idByPath.get(
                  path.length() > 1 && path.endsWith("/")
                      ? path.substring(0, path.length() - 1)
                      : path);
          if (resourceId == null) {
            continue;
          }
          String httpMethod = key.substring(slash + 1);
          Limiter l =
              limiter(
                  base + "/" + apiId + "/" + stageName + "/" + resourceId + "/" + httpMethod,
                  e.getValue());
          if (l != null) {
            perMethod.computeIfAbsent(resourceId, x -> new HashMap<>()).put(httpMethod, l);
          }
        }
      }
      UsageMeter meter = counters.meter(plan.id(), k.id());
      meter.configure(ps.quota());
      return new KeyGrant(
          k.id(),
          ApiKeyMask.mask(requireNonNull(k.value(), "value")),
          plan.id(),
          planLimiter,
          copyLimiters(perMethod),
          meter);
    }

    private @Nullable Limiter limiter(String id, @Nullable ThrottleSettings t) {
      if (t == null || (t.rateLimit() == null && t.burstLimit() == null)) {
        return null;
      }
      limiterIds.add(id);
      double rate = t.rateLimit() == null ? accountRate : t.rateLimit();
      int burst = t.burstLimit() == null ? accountBurst : t.burstLimit();
      return counters.limiter(id, rate, burst);
    }

    /** The account's bucket (one per account, shared by its REST and HTTP APIs). */
    Limiter account(String accountId) {
      return accounts.computeIfAbsent(
          accountId,
          a -> {
            limiterIds.add("account/" + a);
            return counters.limiter("account/" + a, accountRate, accountBurst);
          });
    }

    /**
     * A bucket of an HTTP API stage or route ({@code routeSettings} throttles): null when neither
     * limit is set; a limit left out is the account's.
     */
    @Nullable Limiter limiter(String id, @Nullable Double rate, @Nullable Integer burst) {
      if (rate == null && burst == null) {
        return null;
      }
      limiterIds.add(id);
      return counters.limiter(
          id, rate == null ? accountRate : rate, burst == null ? accountBurst : burst);
    }

    KeyIndex finish() {
      counters.retainLimiters(limiterIds);
      deployments.keySet().retainAll(usedDeployments);
      return new KeyIndex(index);
    }
  }

  /**
   * {@code /pets} → {@code ~1pets}: methodSettings keys keep the escape as addressed
   * (MethodSettingsPatch).
   */
  static String escape(String resourcePath) {
    return resourcePath.replace("~", "~0").replace("/", "~1");
  }

  private static Map<String, Map<String, StageMetering.MethodMetering>> copy(
      Map<String, Map<String, StageMetering.MethodMetering>> m) {
    Map<String, Map<String, StageMetering.MethodMetering>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, Map.copyOf(v)));
    return Map.copyOf(out);
  }

  private static Map<String, Map<String, Limiter>> copyLimiters(
      Map<String, Map<String, Limiter>> m) {
    Map<String, Map<String, Limiter>> out = new HashMap<>();
    m.forEach((k, v) -> out.put(k, Map.copyOf(v)));
    return Map.copyOf(out);
  }

  private record DeploymentFacts(List<Resource> resources, boolean apiKeyFromHeader) {}

  private record PlanStage(UsagePlan plan, ApiStage stage, @Nullable QuotaRule quota) {}
}
