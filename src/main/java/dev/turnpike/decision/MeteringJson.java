package dev.turnpike.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code throttles} and {@code quota} members of a decision record's JSON: one object per
 * bucket checked ({@code level}, {@code rate}, {@code burst}, {@code tokensRemaining}), in the
 * order they were checked.
 */
final class MeteringJson {
  private MeteringJson() {}

  static void write(JsonGenerator g, DecisionRecord.@Nullable Metering m) throws IOException {
    if (m == null) {
      return;
    }
    g.writeFieldName(DecisionJson.F.THROTTLES);
    g.writeStartArray();
    if (m.planChecked()) {
      bucket(g, level(m.planLevel()), m.planRate(), m.planBurst(), m.planTokens());
    }
    if (m.stageChecked()) {
      bucket(g, "stage-method", m.stageRate(), m.stageBurst(), m.stageTokens());
    }
    if (m.accountChecked()) {
      bucket(g, "account", m.accountRate(), m.accountBurst(), m.accountTokens());
    }
    g.writeEndArray();
    if (m.quotaChecked()) {
      g.writeFieldName(DecisionJson.F.QUOTA);
      g.writeStartObject();
      DecisionJson.num(g, DecisionJson.F.LIMIT, m.quotaLimit());
      DecisionJson.str(g, DecisionJson.F.PERIOD, m.quotaPeriod());
      DecisionJson.num(g, DecisionJson.F.USED, m.quotaUsed());
      DecisionJson.num(g, DecisionJson.F.REMAINING, m.quotaRemaining());
      g.writeEndObject();
    }
  }

  static DecisionRecord.@Nullable Metering read(JsonNode n) {
    JsonNode throttles = n.get("throttles");
    JsonNode quota = n.get("quota");
    if ((throttles == null || !throttles.isArray()) && (quota == null || !quota.isObject())) {
      return null;
    }
    DecisionRecord.PlanLevel planLevel = null;
    double[] rate = {Double.NaN, Double.NaN, Double.NaN};
    int[] burst = new int[3];
    int[] tokens = new int[3];
    if (throttles != null) {
      for (JsonNode t : throttles) {
        String level = t.path("level").asText();
        int i =
            switch (level) {
              case "usage-plan-method", "usage-plan-key" -> 0;
              case "stage-method" -> 1;
              case "account" -> 2;
              default -> -1;
            };
        if (i < 0) {
          continue;
        }
        if (i == 0) {
          planLevel =
              level.equals("usage-plan-key")
                  ? DecisionRecord.PlanLevel.PER_KEY
                  : DecisionRecord.PlanLevel.PER_METHOD;
        }
        rate[i] = t.path("rate").asDouble();
        burst[i] = t.path("burst").asInt();
        tokens[i] = t.path("tokensRemaining").asInt();
      }
    }
    boolean q = quota != null && quota.isObject();
    return new DecisionRecord.Metering(
        planLevel,
        rate[0],
        burst[0],
        tokens[0],
        rate[1],
        burst[1],
        tokens[1],
        rate[2],
        burst[2],
        tokens[2],
        q ? quota.path("limit").asLong() : -1,
        q ? quota.path("period").asText(null) : null,
        q ? quota.path("used").asLong() : -1,
        q ? quota.path("remaining").asLong() : -1);
  }

  static String level(DecisionRecord.@Nullable PlanLevel l) {
    return l == DecisionRecord.PlanLevel.PER_KEY ? "usage-plan-key" : "usage-plan-method";
  }

  private static void bucket(JsonGenerator g, String level, double rate, int burst, int tokens)
      throws IOException {
    g.writeStartObject();
    DecisionJson.str(g, DecisionJson.F.LEVEL, level);
    DecisionJson.num(g, DecisionJson.F.RATE, rate);
    DecisionJson.num(g, DecisionJson.F.BURST, burst);
    DecisionJson.num(g, DecisionJson.F.TOKENS_REMAINING, tokens);
    g.writeEndObject();
  }
}
