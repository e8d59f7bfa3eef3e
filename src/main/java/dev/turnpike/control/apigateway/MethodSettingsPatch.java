package dev.turnpike.control.apigateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.PatchOperation;
import dev.turnpike.model.MethodSetting;
import dev.turnpike.store.Documents;
import java.util.Locale;
import java.util.Set;

/**
 * UpdateStage's method-settings paths {@code /{resourcePath}/{httpMethod}/{group}/{setting}}, e.g.
 * {@code /*}{@code /*}{@code /throttling/rateLimit} or {@code /~1pets/GET/logging/loglevel}.
 *
 * <p>Implementation notes: the {@code methodSettings} key is the first two path segments as
 * addressed, escape kept ({@code "*}{@code /*"}, {@code "~1resourceName/GET"}) — the AWS CLI {@code
 * update-stage} example output shows exactly that (awscli/examples/apigateway/update-stage.rst). A
 * new entry starts from the defaults the same example shows (burst 5000, rate 10000.0, TTL 300,
 * requireAuthorizationForCacheControl true, SUCCEED_WITH_RESPONSE_HEADER); it has no {@code
 * loggingLevel} until one is set, as in that output. {@code remove} on {@code
 * /{resourcePath}/{httpMethod}} drops the entry.
 */
final class MethodSettingsPatch {
  static final Set<String> GROUPS = Set.of("metrics", "logging", "throttling", "caching");
  private static final Set<String> LOG_LEVELS = Set.of("OFF", "ERROR", "INFO");
  private static final Set<String> CACHE_STRATEGIES =
      Set.of("FAIL_WITH_403", "SUCCEED_WITH_RESPONSE_HEADER", "SUCCEED_WITHOUT_RESPONSE_HEADER");

  private MethodSettingsPatch() {}

  static MethodSetting defaults() {
    return new MethodSetting(
        false, null, false, 5000, 10000.0, false, 300, false, true, "SUCCEED_WITH_RESPONSE_HEADER");
  }

  /** Applies one operation to the stage tree's {@code methodSettings}. */
  static void apply(ObjectNode stage, PatchOperation op, String[] raw) {
    ObjectNode settings =
        stage.get("methodSettings") instanceof ObjectNode o ? o : stage.putObject("methodSettings");
    String key = raw[0] + "/" + raw[1];
    if (raw.length == 2) {
      settings.remove(key);
      return;
    }
    if (!(settings.get(key) instanceof ObjectNode)) {
      settings.set(key, Documents.MAPPER.valueToTree(defaults()));
    }
    ObjectNode s = (ObjectNode) settings.get(key);
    String setting = raw[2] + "/" + raw[3];
    String v = op.requireValue().trim();
    switch (setting) {
      case "metrics/enabled" -> s.put("metricsEnabled", bool(op, v));
      case "logging/loglevel" -> {
        String level = v.toUpperCase(Locale.ROOT);
        if (!LOG_LEVELS.contains(level)) {
          throw ApiException.badRequest(
              "Invalid logging level specified: " + v + ". Valid options are OFF,ERROR,INFO");
        }
        s.put("loggingLevel", level);
      }
      case "logging/dataTrace" -> s.put("dataTraceEnabled", bool(op, v));
      case "throttling/burstLimit" -> s.put("throttlingBurstLimit", (int) number(op, v, false));
      case "throttling/rateLimit" -> s.put("throttlingRateLimit", number(op, v, true));
      case "caching/enabled" -> s.put("cachingEnabled", bool(op, v));
      case "caching/ttlInSeconds" -> {
        int ttl = (int) number(op, v, false);
        if (ttl > 3600) {
          throw ApiException.badRequest("Cache TTL must be between 0 and 3600 seconds");
        }
        s.put("cacheTtlInSeconds", ttl);
      }
      case "caching/dataEncrypted" -> s.put("cacheDataEncrypted", bool(op, v));
      case "caching/requireAuthorizationForCacheControl" ->
          s.put("requireAuthorizationForCacheControl", bool(op, v));
      case "caching/unauthorizedCacheControlHeaderStrategy" -> {
        if (!CACHE_STRATEGIES.contains(v)) {
          throw ApiException.badRequest(
              "Invalid unauthorizedCacheControlHeaderStrategy specified: " + v);
        }
        s.put("unauthorizedCacheControlHeaderStrategy", v);
      }
      default -> throw ApiException.badRequest("Invalid method setting path: " + op.path());
    }
  }

  private static boolean bool(PatchOperation op, String v) {
    String s = v.toLowerCase(Locale.ROOT);
    if (!s.equals("true") && !s.equals("false")) {
      throw ApiException.badRequest("Invalid boolean value '" + v + "' for " + op.path());
    }
    return s.equals("true");
  }

  private static double number(PatchOperation op, String v, boolean fractional) {
    double d;
    try {
      d = fractional ? Double.parseDouble(v) : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(
          "Invalid " + (fractional ? "number" : "integer") + " value '" + v + "' for " + op.path());
    }
    if (d < 0) {
      throw ApiException.badRequest(
          op.path().substring(op.path().lastIndexOf('/') + 1) + ": " + v + " (expected: >= 0)");
    }
    return d;
  }
}
