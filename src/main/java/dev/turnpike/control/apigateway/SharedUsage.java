package dev.turnpike.control.apigateway;

import dev.turnpike.control.ControlContext;
import dev.turnpike.counters.UsageDelta;
import dev.turnpike.counters.UsageSample;
import dev.turnpike.counters.UsageSink;
import dev.turnpike.model.KeyUsage;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The usage documents ({@link KeyUsage}, one per plan and key under the pseudo-account {@code
 * global}) as the totals every node shares: a flush adds each node's counts to them, UpdateUsage
 * sets the period's count, both as read-modify-write under the document's optimistic version
 * (retried on a conflict with another node), never overwriting another node's counts. Written
 * without moving the revision counter.
 */
final class SharedUsage implements UsageSink {
  private static final int ATTEMPTS = 20;
  private final ControlContext ctx;

  SharedUsage(ControlContext ctx) {
    this.ctx = ctx;
  }

  static DocumentKey key(String planId, String keyId) {
    return new DocumentKey(UsageRepository.GLOBAL, Kinds.USAGE, planId, keyId);
  }

  Optional<KeyUsage> read(String planId, String keyId) {
    return ctx.store().get(key(planId, keyId)).map(d -> Documents.read(d, KeyUsage.class));
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
  public List<UsageSample> add(List<UsageDelta> deltas) {
    return retrying(
        () -> {
          List<Write> writes = new ArrayList<>();
          List<UsageSample> totals = new ArrayList<>();
          for (UsageDelta delta : deltas) {
            Optional<Document> doc = ctx.store().get(key(delta.planId(), delta.keyId()));
            KeyUsage before =
                doc.map(d -> Documents.read(d, KeyUsage.class))
                    .orElse(new KeyUsage(-1, 0, Map.of()));
            KeyUsage after = plus(before, delta);
            if (!after.equals(before)) {
              writes.add(
                  new Write(
                      key(delta.planId(), delta.keyId()),
                      Documents.write(after),
                      doc.map(Document::version).orElse(0L)));
            }
            totals.add(totals(delta, after));
          }
          if (!writes.isEmpty()) {
            ctx.store().commitUntracked(writes);
          }
          return totals;
        });
  }

  /**
   * UpdateUsage: the period {@code periodIndex} has {@code used} counted (its limit minus the new
   * remaining), recorded as {@code remaining} on {@code day}; the day's count is kept.
   */
  void setPeriod(
      String planId, String keyId, long periodIndex, long used, long day, long remaining) {
    retrying(
        () -> {
          Optional<Document> doc = ctx.store().get(key(planId, keyId));
          KeyUsage before =
              doc.map(d -> Documents.read(d, KeyUsage.class)).orElse(new KeyUsage(-1, 0, Map.of()));
          Map<String, List<Long>> days = new TreeMap<>(before.days());
          String date = LocalDate.ofEpochDay(day).toString();
          List<Long> today = days.get(date);
          days.put(date, List.of(today == null ? 0L : today.get(0), remaining));
          ctx.store()
              .commitUntracked(
                  List.of(
                      new Write(
                          key(planId, keyId),
                          Documents.write(new KeyUsage(periodIndex, used, days)),
                          doc.map(Document::version).orElse(0L))));
          return null;
        });
  }

  static KeyUsage plus(KeyUsage u, UsageDelta d) {
    long periodIndex = u.periodIndex();
    long periodUsed = u.periodUsed();
    if (d.periodIndex() >= 0) {
      if (d.periodIndex() == periodIndex) {
        periodUsed += d.periodDelta();
      } else if (d.periodIndex() > periodIndex) {
        periodIndex = d.periodIndex();
        periodUsed = d.periodDelta();
      }
    }
    Map<String, List<Long>> days = new TreeMap<>(u.days());
    if (d.closedDay() >= 0 && d.closedDayDelta() != 0) {
      String date = LocalDate.ofEpochDay(d.closedDay()).toString();
      List<Long> before = days.get(date);
      days.put(
          date,
          List.of(
              (before == null ? 0 : before.get(0)) + d.closedDayDelta(),
              before == null ? -1 : before.get(1)));
    }
    if (d.day() >= 0 && (d.dayDelta() != 0 || d.periodDelta() != 0)) {
      String date = LocalDate.ofEpochDay(d.day()).toString();
      List<Long> before = days.get(date);
      long remaining =
          d.periodLimit() >= 0 && periodIndex == d.periodIndex()
              ? d.periodLimit() - periodUsed
              : before == null ? -1 : before.get(1);
      days.put(date, List.of((before == null ? 0 : before.get(0)) + d.dayDelta(), remaining));
    }
    return new KeyUsage(periodIndex, periodUsed, days);
  }

  private static UsageSample totals(UsageDelta d, KeyUsage u) {
    List<Long> day = d.day() < 0 ? null : u.days().get(LocalDate.ofEpochDay(d.day()).toString());
    long remaining = d.periodLimit() >= 0 ? d.periodLimit() - u.periodUsed() : -1;
    return new UsageSample(
        d.planId(),
        d.keyId(),
        u.periodIndex(),
        u.periodUsed(),
        day == null ? -1 : d.day(),
        day == null ? 0 : day.get(0),
        -1,
        0,
        remaining);
  }

  /** Runs a read-modify-write again when another node committed the same document meanwhile. */
  private static <T> T retrying(java.util.function.Supplier<T> attempt) {
    for (int i = 1; ; i++) {
      try {
        return attempt.get();
      } catch (ConfigStore.ConflictException e) {
        if (i >= ATTEMPTS) {
          throw e;
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * i));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
