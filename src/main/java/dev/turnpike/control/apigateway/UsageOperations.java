package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.Bodies;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.Page;
import dev.turnpike.control.PatchApplier;
import dev.turnpike.control.PatchApplier.Kind;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.counters.Counters;
import dev.turnpike.counters.QuotaPeriod;
import dev.turnpike.counters.QuotaRule;
import dev.turnpike.counters.UsageMeter;
import dev.turnpike.model.KeyUsage;
import dev.turnpike.model.UsagePlan;
import dev.turnpike.store.Documents;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * GetUsage and UpdateUsage (spec 2.7).
 *
 * <p>Implementation notes: GetUsage answers {@code values: {keyId: [[used, remaining], …one per
 * day]}} for every key of the plan (or {@code keyId}), keyed by key id as the AWS CLI example
 * shows; keys are paged with {@code limit}/{@code position}. A day's pair is what the meters
 * persisted (the totals of every node, at most a flush behind), plus what this node counted since
 * its last flush for today. A day without a record shows 0 used and the remaining carried over from
 * the previous day of the same quota period, or the period's full limit. Without a quota, remaining
 * is 0 [UNCONF]. UpdateUsage {@code replace /remaining} sets what is left of the current period
 * only; the next period starts from the limit again (awscli example "temporarily modify the
 * quota"). It is written through at once to the shared totals, which the other nodes adopt at their
 * next flush.
 */
final class UsageOperations {
  private static final int MAX_DAYS = 366;
  private static final PatchApplier PATCHES =
      PatchApplier.unknownPath(
              op ->
                  ApiException.badRequest(
                      "Invalid patch path '"
                          + op.path()
                          + "' specified for op '"
                          + op.op()
                          + "'. Must be one of: [replace /remaining]"))
          .allow("/remaining", Kind.STRING, PatchApplier.REPLACE);
  private final UsageRepository repo;
  private final Counters counters;

  UsageOperations(UsageRepository repo, Counters counters) {
    this.repo = repo;
    this.counters = counters;
  }

  void register(RouteTable<Operation> routes) {
    routes
        .add("GET", "/usageplans/{usageplanId}/usage", this::get)
        .add("PATCH", "/usageplans/{usageplanId}/keys/{keyId}/usage", this::update);
  }

  private ControlResponse get(ApiCall call) {
    UsagePlan plan = repo.plan(call.accountId(), call.path("usageplanId"));
    LocalDate start = date(call.query("startDate"), "startDate");
    LocalDate end = date(call.query("endDate"), "endDate");
    if (end.isBefore(start)) {
      throw ApiException.badRequest("The end date must not be before the start date");
    }
    if (end.toEpochDay() - start.toEpochDay() >= MAX_DAYS) {
      throw ApiException.badRequest("The date range must not exceed " + MAX_DAYS + " days");
    }
    String keyFilter = call.query("keyId");
    List<String> keyIds = new ArrayList<>();
    for (String k : repo.planKeyIds(call.accountId(), plan.id())) {
      if (keyFilter == null || keyFilter.equals(k)) {
        keyIds.add(k);
      }
    }
    Page<String> page = Page.of(keyIds, call);
    Map<String, List<List<Long>>> values = new LinkedHashMap<>();
    for (String keyId : page.item()) {
      values.put(keyId, days(plan, keyId, start, end));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("usagePlanId", plan.id());
    out.put("startDate", start.toString());
    out.put("endDate", end.toString());
    if (page.position() != null) {
      out.put("position", page.position());
    }
    out.put("values", values);
    return Bodies.json(200, out);
  }

  private ControlResponse update(ApiCall call) {
    UsagePlan plan = repo.plan(call.accountId(), call.path("usageplanId"));
    String keyId = call.path("keyId");
    if (!repo.planHasKey(call.accountId(), plan.id(), keyId)) {
      throw ApiException.notFound("Invalid API Key identifier specified");
    }
    QuotaRule rule = rule(plan);
    if (rule == null) {
      throw ApiException.badRequest("Usage plan " + plan.id() + " has no quota to update");
    }
    ObjectNode patched = Documents.MAPPER.createObjectNode();
    PATCHES.apply(patched, PatchOperation.listFrom(call.body(), "updateUsageInput"));
    long remaining = patched.has("remaining") ? remaining(patched.get("remaining").asText()) : -1;
    long now = counters.clock().millis();
    UsageMeter meter = counters.meter(plan.id(), keyId);
    meter.configure(rule);
    if (remaining >= 0) {
      long today = QuotaPeriod.epochDay(now);
      long index = rule.period().index(today);
      // The shared totals first (every node adopts them at its next flush), then this node's view.
      new SharedUsage(repo.context())
          .setPeriod(plan.id(), keyId, index, rule.limitFor(index) - remaining, today, remaining);
      meter.setRemaining(remaining, now);
    }
    LocalDate today = LocalDate.ofEpochDay(QuotaPeriod.epochDay(now));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("usagePlanId", plan.id());
    out.put("startDate", today.toString());
    out.put("endDate", today.toString());
    out.put("values", Map.of(keyId, days(plan, keyId, today, today)));
    return Bodies.json(200, out);
  }

  private static long remaining(String value) {
    long remaining;
    try {
      remaining = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("Invalid remaining value '" + value + "': expected an integer");
    }
    if (remaining < 0) {
      throw ApiException.badRequest("remaining: " + remaining + " (expected: >= 0)");
    }
    return remaining;
  }

  private List<List<Long>> days(UsagePlan plan, String keyId, LocalDate start, LocalDate end) {
    KeyUsage usage = repo.usage(plan.id(), keyId).orElse(null);
    Map<String, List<Long>> stored = usage == null ? Map.of() : usage.days();
    QuotaRule rule = rule(plan);
    long now = counters.clock().millis();
    long today = QuotaPeriod.epochDay(now);
    UsageMeter live = counters.meter(plan.id(), keyId);
    List<List<Long>> out = new ArrayList<>();
    long carried = -1;
    long carriedPeriod = Long.MIN_VALUE;
    // Walk from the start of the first day's period so a carried-over remaining is known on the
    // first day.
    long from =
        rule == null
            ? start.toEpochDay()
            : Math.min(
                start.toEpochDay(),
                rule.period().start(rule.period().index(start.toEpochDay())).toEpochDay());
    for (long d = from; d <= end.toEpochDay(); d++) {
      long periodIdx = rule == null ? d : rule.period().index(d);
      if (periodIdx != carriedPeriod) {
        carriedPeriod = periodIdx;
        carried = rule == null ? 0 : rule.limitFor(periodIdx);
      }
      List<Long> rec = stored.get(LocalDate.ofEpochDay(d).toString());
      long used = rec == null ? 0 : rec.get(0);
      if (rec != null && rec.get(1) >= 0) {
        carried = rec.get(1);
      }
      if (d == today) {
        // The cluster's totals as last written, plus what this node counted since.
        used += live.pendingOnDay(d);
        if (rule != null) {
          long index = rule.period().index(d);
          long shared = usage != null && usage.periodIndex() == index ? usage.periodUsed() : 0;
          carried = rule.limitFor(index) - shared - live.pendingInPeriod(index);
        }
      }
      if (d >= start.toEpochDay()) {
        out.add(List.of(used, rule == null ? 0 : Math.max(0, carried)));
      }
    }
    return out;
  }

  private static @Nullable QuotaRule rule(UsagePlan plan) {
    return QuotaRule.of(plan.quota(), plan.quotaSetAt() == null ? 0 : plan.quotaSetAt());
  }

  private static LocalDate date(@Nullable String s, String member) {
    if (s == null || s.isEmpty()) {
      throw ApiException.badRequest("The " + member + " must be specified");
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw ApiException.badRequest(
          "Invalid " + member + " specified: " + s + " (expected: yyyy-MM-dd)");
    }
  }
}
