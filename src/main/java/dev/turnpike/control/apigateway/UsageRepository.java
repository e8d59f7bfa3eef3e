package dev.turnpike.control.apigateway;

import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.counters.QuotaPeriod;
import dev.turnpike.counters.UsageSample;
import dev.turnpike.counters.UsageSink;
import dev.turnpike.model.ApiKey;
import dev.turnpike.model.KeyUsage;
import dev.turnpike.model.UsagePlan;
import dev.turnpike.model.UsagePlanKey;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed access to API keys, usage plans, plan keys and persisted usage, with AWS's not-found
 * errors; and the {@link UsageSink} that makes the meters durable. Usage documents live under the
 * pseudo-account {@code global} (plan ids are unique), keyed by plan and key, and are written
 * without moving the revision counter.
 */
final class UsageRepository implements UsageSink {
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

  static DocumentKey usageKey(String planId, String keyId) {
    return new DocumentKey(GLOBAL, Kinds.USAGE, planId, keyId);
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
    return ctx.store().get(usageKey(planId, keyId)).map(d -> Documents.read(d, KeyUsage.class));
  }

  @Override
  public List<UsageSample> load() {
    List<UsageSample> out = new ArrayList<>();
    for (Document d : ctx.store().listKind(Kinds.USAGE)) {
      KeyUsage u = Documents.read(d, KeyUsage.class);
      long day = -1;
      long used = 0;
      if (!u.days().isEmpty()) {
        Map.Entry<String, List<Long>> last = new TreeMap<>(u.days()).lastEntry();
        day = LocalDate.parse(last.getKey()).toEpochDay();
        used = last.getValue().get(0);
      }
      out.add(
          new UsageSample(
              d.key().scope(),
              d.key().id(),
              u.periodIndex(),
              u.periodUsed(),
              day,
              used,
              -1,
              0,
              -1));
    }
    return out;
  }

  @Override
  public void write(List<UsageSample> samples) {
    List<Write> writes = new ArrayList<>();
    for (UsageSample s : samples) {
      Map<String, List<Long>> days =
          new TreeMap<>(usage(s.planId(), s.keyId()).map(KeyUsage::days).orElse(Map.of()));
      if (s.closedDay() >= 0) {
        String d = LocalDate.ofEpochDay(s.closedDay()).toString();
        List<Long> before = days.get(d);
        days.put(d, List.of(s.closedDayUsed(), before == null ? s.remaining() : before.get(1)));
      }
      if (s.day() >= 0) {
        days.put(LocalDate.ofEpochDay(s.day()).toString(), List.of(s.dayUsed(), s.remaining()));
      }
      writes.add(
          Write.put(
              usageKey(s.planId(), s.keyId()),
              Documents.write(new KeyUsage(s.periodIndex(), s.periodUsed(), days))));
    }
    ctx.store().commitUntracked(writes);
  }

  /** Today in UTC by the control plane's clock. */
  LocalDate today() {
    return LocalDate.ofEpochDay(QuotaPeriod.epochDay(ctx.clock().millis()));
  }
}
