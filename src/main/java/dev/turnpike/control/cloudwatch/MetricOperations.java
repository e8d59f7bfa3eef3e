package dev.turnpike.control.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.model.RestApi;
import dev.turnpike.observe.metrics.MinuteSeries;
import dev.turnpike.observe.metrics.RequestMetrics;
import dev.turnpike.observe.metrics.RequestMetrics.StageSeries;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * ListMetrics and GetMetricStatistics for {@code AWS/ApiGateway}: {@code Count}, {@code 4XXError},
 * {@code 5XXError}, {@code Latency}, {@code IntegrationLatency} with the dimensions {@code ApiName}
 * and {@code Stage} (or {@code ApiName} alone: every stage of the API), computed from the
 * per-minute aggregates of the last {@link MinuteSeries#MINUTES} minutes. As on AWS, each request
 * is one sample: {@code Count} samples are 1, {@code 4XXError}/{@code 5XXError} samples are 0 or 1
 * (their Average is the error rate), latencies are in milliseconds.
 *
 * <p>AWS:
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-metrics-and-dimensions.html
 */
final class MetricOperations {
  static final String NAMESPACE = "AWS/ApiGateway";
  private static final List<String> METRICS =
      List.of("Count", "4XXError", "5XXError", "Latency", "IntegrationLatency");
  private static final Set<String> STATISTICS =
      Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");

  private final ConfigStore store;
  private final RequestMetrics metrics;
  private final Clock clock;

  MetricOperations(ConfigStore store, RequestMetrics metrics, Clock clock) {
    this.store = store;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** The caller's API ids and their names. */
  private Map<String, String> apiNames(String accountId) {
    Map<String, String> names = new HashMap<>();
    for (Document d : store.list(accountId, Kinds.REST_API, "")) {
      names.put(d.key().id(), Documents.read(d, RestApi.class).name());
    }
    return names;
  }

  ControlResponse listMetrics(ApiCall call) {
    ObjectNode body = JsonProtocol.read(call);
    String namespace = text(body, "Namespace");
    String metricName = text(body, "MetricName");
    Map<String, @Nullable String> filters = new LinkedHashMap<>();
    for (JsonNode f : body.path("Dimensions")) {
      filters.put(f.path("Name").asText(), f.hasNonNull("Value") ? f.get("Value").asText() : null);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray("Metrics");
    if (namespace != null && !namespace.equals(NAMESPACE)) {
      return JsonProtocol.ok(out);
    }
    Map<String, String> names = apiNames(call.accountId());
    long now = clock.millis() / 60_000;
    for (StageSeries s : metrics.stages()) {
      String name = names.get(s.apiId());
      if (name == null || s.minutes().read(now - MinuteSeries.MINUTES, now + 1).isEmpty()) {
        continue;
      }
      Map<String, String> dims = new LinkedHashMap<>();
      dims.put("ApiName", name);
      dims.put("Stage", s.stage());
      if (!matches(dims, filters)) {
        continue;
      }
      for (String m : METRICS) {
        if (metricName != null && !metricName.equals(m)) {
          continue;
        }
        ObjectNode n = list.addObject();
        n.put("Namespace", NAMESPACE);
        n.put("MetricName", m);
        ArrayNode d = n.putArray("Dimensions");
        dims.forEach((k, v) -> d.addObject().put("Name", k).put("Value", v));
      }
    }
    return JsonProtocol.ok(out);
  }

  private static boolean matches(Map<String, String> dims, Map<String, @Nullable String> filters) {
    for (Map.Entry<String, @Nullable String> f : filters.entrySet()) {
      String v = dims.get(f.getKey());
      if (v == null || (f.getValue() != null && !f.getValue().equals(v))) {
        return false;
      }
    }
    return true;
  }

  ControlResponse getMetricStatistics(ApiCall call) {
    ObjectNode body = JsonProtocol.read(call);
    String namespace = required(body, "Namespace");
    String metricName = required(body, "MetricName");
    long start = time(body, "StartTime");
    long end = time(body, "EndTime");
    JsonNode periodNode = body.get("Period");
    if (periodNode == null || !periodNode.canConvertToInt()) {
      throw CloudWatchService.missingParameter("The parameter Period is required.");
    }
    int period = periodNode.asInt();
    if (period < 60 || period % 60 != 0) {
      throw CloudWatchService.invalidParameter(
          "The parameter Period must be a multiple of 60 (Turnpike keeps one-minute aggregates).");
    }
    if (end <= start) {
      throw CloudWatchService.invalidParameter(
          "The parameter StartTime must be less than the parameter EndTime.");
    }
    List<String> stats = new ArrayList<>();
    for (JsonNode s : body.path("Statistics")) {
      if (!STATISTICS.contains(s.asText())) {
        throw CloudWatchService.invalidParameter(
            "The parameter Statistics contains an invalid value: " + s.asText());
      }
      stats.add(s.asText());
    }
    if (stats.isEmpty()) {
      throw CloudWatchService.missingParameter(
          "Must specify either the Statistics or ExtendedStatistics parameter.");
    }
    Map<String, String> dims = new HashMap<>();
    for (JsonNode d : body.path("Dimensions")) {
      dims.put(d.path("Name").asText(), d.path("Value").asText());
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("Label", metricName);
    ArrayNode points = out.putArray("Datapoints");
    String apiName = dims.get("ApiName");
    String stage = dims.get("Stage");
    boolean shape =
        namespace.equals(NAMESPACE)
            && METRICS.contains(metricName)
            && apiName != null
            && dims.size() == (stage == null ? 1 : 2);
    if (!shape || apiName == null) {
      return JsonProtocol.ok(out);
    }
    Map<String, String> names = apiNames(call.accountId());
    long periodMinutes = period / 60;
    long firstMinute = Math.floorDiv(start, 60_000L);
    long endMinute = Math.floorDiv(end + 59_999, 60_000L);
    // Per period: samples, sum, min, max (latencies in microseconds until rendered).
    Map<Long, long[]> buckets = new java.util.TreeMap<>();
    for (StageSeries s : metrics.stages()) {
      if (!apiName.equals(names.get(s.apiId())) || (stage != null && !stage.equals(s.stage()))) {
        continue;
      }
      for (MinuteSeries.Minute m : s.minutes().read(firstMinute, endMinute)) {
        long bucket = firstMinute + (m.epochMinute() - firstMinute) / periodMinutes * periodMinutes;
        long[] acc = buckets.computeIfAbsent(bucket, b -> new long[] {0, 0, Long.MAX_VALUE, 0});
        add(acc, metricName, m);
      }
    }
    boolean latency = metricName.endsWith("Latency");
    for (Map.Entry<Long, long[]> e : buckets.entrySet()) {
      long[] acc = e.getValue();
      if (acc[0] == 0) {
        continue;
      }
      double scale = latency ? 1000.0 : 1.0;
      ObjectNode p = points.addObject();
      p.put("Timestamp", e.getKey() * 60.0); // epoch seconds
      for (String st : stats) {
        switch (st) {
          case "SampleCount" -> p.put("SampleCount", (double) acc[0]);
          case "Sum" -> p.put("Sum", acc[1] / scale);
          case "Average" -> p.put("Average", acc[1] / scale / acc[0]);
          case "Minimum" -> p.put("Minimum", acc[2] / scale);
          case "Maximum" -> p.put("Maximum", acc[3] / scale);
          default -> {}
        }
      }
      p.put("Unit", latency ? "Milliseconds" : "Count");
    }
    return JsonProtocol.ok(out);
  }

  /** Adds one minute to a period's {samples, sum, min, max} for {@code metric}. */
  private static void add(long[] acc, String metric, MinuteSeries.Minute m) {
    switch (metric) {
      case "Count" -> merge(acc, m.requests(), m.requests(), 1, 1);
      case "4XXError" ->
          merge(
              acc,
              m.requests(),
              m.clientErrors(),
              m.clientErrors() == m.requests() ? 1 : 0,
              m.clientErrors() > 0 ? 1 : 0);
      case "5XXError" ->
          merge(
              acc,
              m.requests(),
              m.serverErrors(),
              m.serverErrors() == m.requests() ? 1 : 0,
              m.serverErrors() > 0 ? 1 : 0);
      case "Latency" -> merge(acc, m.requests(), m.latencySum(), m.latencyMin(), m.latencyMax());
      case "IntegrationLatency" -> {
        if (m.integrationCount() > 0) {
          merge(
              acc,
              m.integrationCount(),
              m.integrationSum(),
              m.integrationMin(),
              m.integrationMax());
        }
      }
      default -> {}
    }
  }

  private static void merge(long[] acc, long samples, long sum, long min, long max) {
    acc[0] += samples;
    acc[1] += sum;
    acc[2] = Math.min(acc[2], min);
    acc[3] = Math.max(acc[3], max);
  }

  private static String required(ObjectNode body, String member) {
    String v = text(body, member);
    if (v == null) {
      throw CloudWatchService.missingParameter("The parameter " + member + " is required.");
    }
    return v;
  }

  /** A timestamp member: epoch seconds (AWS JSON's form), as epoch millis. */
  private static long time(ObjectNode body, String member) {
    JsonNode t = body.get(member);
    if (t == null || !t.isNumber()) {
      throw CloudWatchService.missingParameter("The parameter " + member + " is required.");
    }
    return Math.round(t.asDouble() * 1000);
  }

  private static @Nullable String text(ObjectNode body, String member) {
    JsonNode n = body.get(member);
    return n == null || n.isNull() ? null : n.asText();
  }
}
