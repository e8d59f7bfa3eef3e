package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.counters.QuotaPeriod;
import dev.turnpike.model.ApiKey;
import dev.turnpike.model.KeyUsage;
import dev.turnpike.model.UsagePlan;
import dev.turnpike.model.UsagePlanKey;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to API keys, usage plans, plan keys and persisted usage, with AWS's not-found
 * errors. Usage documents live under the pseudo-account {@code global} (plan ids are unique), keyed
 * by plan and key ({@link SharedUsage}).
 */
final class UsageRepository {
  static final String GLOBAL = "global";
  private final ControlContext ctx;

  UsageRepository(ControlContext ctx) {
    this.ctx = ctx;
  }

  ControlContext context() {
    return ctx;
  }

  static DocumentKey apiKeyKey(String account, String keyId) {
    return DocumentKey.of(account, Kinds.API_KEY, keyId);
  }

  static DocumentKey planKey(String account, String planId) {
    return DocumentKey.of(account, Kinds.USAGE_PLAN, planId);
  }

  static DocumentKey planKeyKey(String account, String planId, String keyId) {
    return new DocumentKey(account, Kinds.USAGE_PLAN_KEY, planId, keyId);
  }

  ApiKey apiKey(String account, String keyId) {
    return findApiKey(account, keyId)
        .orElseThrow(() -> ApiException.notFound("Invalid API Key identifier specified"));
  }

  Optional<ApiKey> findApiKey(String account, String keyId) {
    return ctx.store().get(apiKeyKey(account, keyId)).map(d -> Documents.read(d, ApiKey.class));
  }

  List<ApiKey> apiKeys(String account) {
    List<ApiKey> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.API_KEY, "")) {
      out.add(Documents.read(d, ApiKey.class));
    }
    out.sort(Comparator.comparingLong(ApiKey::createdDate).thenComparing(ApiKey::id));
    return out;
  }

  UsagePlan plan(String account, String planId) {
    return ctx.store()
        .get(planKey(account, planId))
        .map(d -> Documents.read(d, UsagePlan.class))
        .orElseThrow(() -> ApiException.notFound("Invalid Usage Plan ID specified"));
  }

  List<UsagePlan> plans(String account) {
    List<UsagePlan> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.USAGE_PLAN, "")) {
      out.add(Documents.read(d, UsagePlan.class));
    }
    return out;
  }

  /** The key ids in a plan, ordered by id. */
  List<String> planKeyIds(String account, String planId) {
    List<String> out = new ArrayList<>();
    for (Document d : ctx.store().list(account, Kinds.USAGE_PLAN_KEY, planId)) {
      out.add(Documents.read(d, UsagePlanKey.class).id());
    }
    return out;
  }

  boolean planHasKey(String account, String planId, String keyId) {
    return ctx.store().get(planKeyKey(account, planId, keyId)).isPresent();
  }

  Optional<KeyUsage> usage(String planId, String keyId) {
    return new SharedUsage(ctx).read(planId, keyId);
  }

  /** Today in UTC by the control plane's clock. */
  LocalDate today() {
    return LocalDate.ofEpochDay(QuotaPeriod.epochDay(ctx.clock().millis()));
  }
}
