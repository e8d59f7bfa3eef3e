package dev.turnpike.decision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jspecify.annotations.Nullable;

/** The JSON form of a decision record: one line per record in the spill files and the admin API's answer. */
public final class DecisionJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionJson() {}

  public static ObjectNode toJson(DecisionRecord r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("requestId", r.requestId());
    n.put("epochMillis", r.epochMillis());
    n.put("sourceIp", r.sourceIp());
    n.put("protocol", r.protocol());
    n.put("method", r.method());
    n.put("rawPath", r.rawPath());
    n.put("host", r.host());
    n.put("addressing", r.addressing());
    n.put("secure", r.secure());
    n.put("apiId", r.apiId());
    n.put("stage", r.stageName());
    n.put("resourcePath", r.resourcePath());
    n.put("resourceId", r.resourceId());
    n.put("authorizationType", r.authorizationType());
    n.put("apiKeyRequired", r.apiKeyRequired());
    n.put("caller", r.callerArn());
    n.put("apiKey", r.maskedApiKey());
    n.put("usagePlanId", r.usagePlanId());
    n.put("integrationType", r.integrationType());
    n.put("integrationUri", r.integrationUri());
    n.put("integrationTimeoutMillis", r.integrationTimeoutMillis());
    n.put("integrationLatencyMillis", r.integrationLatencyMillis());
    n.put("latencyMillis", r.latencyMillis());
    n.put("status", r.status());
    n.put("errorType", r.errorType());
    n.put("cause", r.cause().name());
    n.put("kbArticle", r.kbSlug());
    if (r.domainName() != null) {
      ObjectNode dn = n.putObject("customDomain");
      dn.put("domainName", r.domainName());
      if (r.basePath() != null) {
        dn.putObject("mapping").put("basePath", r.basePath()).put("restApiId", r.mappingApiId())
            .put("stage", r.mappingStage());
      } else {
        dn.putNull("mapping");
      }
    }
    MeteringJson.write(n, r.metering());
    Object d = r.detail();
    if (d != null) {
      ObjectNode dn = n.putObject("detail");
      if (d instanceof DecisionRecord.LimitFact f) {
        dn.put("kind", "limit").put("rate", f.rate()).put("burst", f.burst());
      } else if (d instanceof DecisionRecord.QuotaFact f) {
        dn.put("kind", "quota").put("planId", f.planId()).put("limit", f.limit()).put("period", f.period());
      } else if (d instanceof DecisionRecord.PolicyFact f) {
        dn.put("kind", "policy").put("reason", f.reason()).put("message", f.message())
            .put("crossAccount", f.crossAccount()).put("owner", f.owner())
            .put("identityStatement", f.identityStatement()).put("resourceStatement", f.resourceStatement());
      } else if (d instanceof DecisionRecord.SignatureFact f) {
        dn.put("kind", "signature").put("errorType", f.errorType()).put("message", f.message());
      } else if (d instanceof DecisionRecord.KeyFact f) {
        dn.put("kind", "key").put("reason", f.reason());
      }
    }
    return n;
  }

  public static DecisionRecord fromJson(JsonNode n) {
    Object detail = null;
    JsonNode d = n.get("detail");
    if (d != null && d.isObject()) {
      detail = switch (d.path("kind").asText()) {
        case "limit" -> new DecisionRecord.LimitFact(d.path("rate").asDouble(), d.path("burst").asInt());
        case "quota" -> new DecisionRecord.QuotaFact(d.path("planId").asText(), d.path("limit").asInt(),
            d.path("period").asText());
        case "policy" -> new DecisionRecord.PolicyFact(d.path("reason").asText(), text(d, "message"),
            d.path("crossAccount").asBoolean(), text(d, "owner"), text(d, "identityStatement"),
            text(d, "resourceStatement"));
        case "signature" -> new DecisionRecord.SignatureFact(d.path("errorType").asText(), d.path("message").asText());
        case "key" -> new DecisionRecord.KeyFact(d.path("reason").asText());
        default -> null;
      };
    }
    Cause cause;
    try {
      cause = Cause.valueOf(n.path("cause").asText("OTHER_ERROR"));
    } catch (IllegalArgumentException e) {
      cause = Cause.OTHER_ERROR;
    }
    return new DecisionRecord(n.path("requestId").asText(), n.path("epochMillis").asLong(),
        n.path("sourceIp").asText(), n.path("protocol").asText(), n.path("method").asText(), n.path("rawPath").asText(),
        text(n, "host"), text(n, "addressing"), n.path("secure").asBoolean(), text(n, "apiId"), text(n, "stage"),
        text(n, "resourcePath"), text(n, "resourceId"), text(n, "authorizationType"),
        n.path("apiKeyRequired").asBoolean(), text(n, "caller"), text(n, "apiKey"), text(n, "usagePlanId"),
        text(n, "integrationType"), text(n, "integrationUri"), n.path("integrationTimeoutMillis").asInt(),
        n.path("integrationLatencyMillis").asLong(-1), n.path("latencyMillis").asLong(), n.path("status").asInt(),
        text(n, "errorType"), cause, detail, text(n.path("customDomain"), "domainName"),
        text(n.path("customDomain").path("mapping"), "basePath"),
        text(n.path("customDomain").path("mapping"), "restApiId"),
        text(n.path("customDomain").path("mapping"), "stage"), MeteringJson.read(n));
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
