package dev.turnpike.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * The JSON form of a decision record: one line per record in the spill files and the admin API's
 * answer.
 */
public final class DecisionJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private DecisionJson() {}

  /**
   * The tree form, for the admin API and {@code explain --json}: the streaming {@link #write} run
   * into a {@link TokenBuffer}, so the field list has one home.
   */
  public static ObjectNode toJson(DecisionRecord r) {
    try (TokenBuffer tb = new TokenBuffer(MAPPER, false)) {
      write(tb, r);
      return (ObjectNode) MAPPER.readTree(tb.asParser(MAPPER));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a TokenBuffer does no I/O
    }
  }

  /**
   * Writes one record as a JSON object: the only list of a record's fields and their order (the
   * spill files' lines, the admin API's answer). Field names are pre-encoded so the spill writer
   * copies bytes instead of encoding them.
   */
  public static void write(JsonGenerator g, DecisionRecord r) throws IOException {
    g.writeStartObject();
    str(g, F.REQUEST_ID, r.requestId());
    num(g, F.EPOCH_MILLIS, r.epochMillis());
    str(g, F.SOURCE_IP, r.sourceIp());
    str(g, F.PROTOCOL, r.protocol());
    str(g, F.METHOD, r.method());
    str(g, F.RAW_PATH, r.rawPath());
    str(g, F.HOST, r.host());
    str(g, F.ADDRESSING, r.addressing());
    bool(g, F.SECURE, r.secure());
    str(g, F.API_ID, r.apiId());
    str(g, F.STAGE, r.stageName());
    str(g, F.RESOURCE_PATH, r.resourcePath());
    str(g, F.RESOURCE_ID, r.resourceId());
    str(g, F.AUTHORIZATION_TYPE, r.authorizationType());
    bool(g, F.API_KEY_REQUIRED, r.apiKeyRequired());
    str(g, F.CALLER, r.callerArn());
    str(g, F.API_KEY, r.maskedApiKey());
    str(g, F.USAGE_PLAN_ID, r.usagePlanId());
    str(g, F.INTEGRATION_TYPE, r.integrationType());
    str(g, F.INTEGRATION_URI, r.integrationUri());
    num(g, F.INTEGRATION_TIMEOUT_MILLIS, r.integrationTimeoutMillis());
    num(g, F.INTEGRATION_LATENCY_MILLIS, r.integrationLatencyMillis());
    num(g, F.LATENCY_MILLIS, r.latencyMillis());
    num(g, F.STATUS, r.status());
    str(g, F.ERROR_TYPE, r.errorType());
    str(g, F.CAUSE, r.cause().name());
    str(g, F.KB_ARTICLE, r.kbSlug());
    if (r.domainName() != null) {
      g.writeFieldName(F.CUSTOM_DOMAIN);
      g.writeStartObject();
      str(g, F.DOMAIN_NAME, r.domainName());
      g.writeFieldName(F.MAPPING);
      if (r.basePath() != null) {
        g.writeStartObject();
        str(g, F.BASE_PATH, r.basePath());
        str(g, F.REST_API_ID, r.mappingApiId());
        str(g, F.STAGE, r.mappingStage());
        g.writeEndObject();
      } else {
        g.writeNull();
      }
      g.writeEndObject();
    }
    MeteringJson.write(g, r.metering());
    DecisionRecord.Fact d = r.detail();
    if (d != null) {
      g.writeFieldName(F.DETAIL);
      g.writeStartObject();
      writeDetail(g, d);
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  private static void writeDetail(JsonGenerator g, DecisionRecord.Fact d) throws IOException {
    if (d instanceof DecisionRecord.LimitFact f) {
      str(g, F.KIND, "limit");
      num(g, F.RATE, f.rate());
      num(g, F.BURST, f.burst());
    } else if (d instanceof DecisionRecord.QuotaFact f) {
      str(g, F.KIND, "quota");
      str(g, F.PLAN_ID, f.planId());
      num(g, F.LIMIT, f.limit());
      str(g, F.PERIOD, f.period());
    } else if (d instanceof DecisionRecord.PolicyFact f) {
      str(g, F.KIND, "policy");
      str(g, F.REASON, f.reason());
      str(g, F.MESSAGE, f.message());
      bool(g, F.CROSS_ACCOUNT, f.crossAccount());
      str(g, F.OWNER, f.owner());
      str(g, F.IDENTITY_STATEMENT, f.identityStatement());
      str(g, F.RESOURCE_STATEMENT, f.resourceStatement());
    } else if (d instanceof DecisionRecord.SignatureFact f) {
      str(g, F.KIND, "signature");
      str(g, F.ERROR_TYPE, f.errorType());
      str(g, F.MESSAGE, f.message());
    } else if (d instanceof DecisionRecord.KeyFact f) {
      str(g, F.KIND, "key");
      str(g, F.REASON, f.reason());
    } else if (d instanceof DecisionRecord.ValidationFact f) {
      str(g, F.KIND, "validation");
      str(g, F.MESSAGE, f.message());
    } else if (d instanceof DecisionRecord.CorsFact f) {
      str(g, F.KIND, "cors");
      str(g, F.REASON, f.verdict());
      str(g, F.MESSAGE, f.refused());
    } else if (d instanceof DecisionRecord.LambdaFact f) {
      str(g, F.KIND, "lambda");
      str(g, F.FUNCTION_ARN, f.functionArn());
      str(g, F.EXECUTED_VERSION, f.executedVersion());
      bool(g, F.COLD_START, f.coldStart());
      if (!Double.isNaN(f.initDurationMs())) {
        num(g, F.INIT_DURATION_MS, f.initDurationMs());
      }
      if (!Double.isNaN(f.durationMs())) {
        num(g, F.DURATION_MS, f.durationMs());
      }
      str(g, F.PROBLEM, f.problem());
    } else if (d instanceof DecisionRecord.AuthorizerFact f) {
      str(g, F.KIND, "authorizer");
      str(g, F.AUTHORIZER_ID, f.authorizerId());
      str(g, F.AUTHORIZER_TYPE, f.type());
      str(g, F.CACHE, f.cache());
      if (f.cacheAgeMillis() >= 0) {
        num(g, F.CACHE_AGE_MILLIS, f.cacheAgeMillis());
      }
      str(g, F.PRINCIPAL_ID, f.principalId());
      str(g, F.STATEMENT, f.statement());
      str(g, F.PROBLEM, f.problem());
    }
  }

  /** A string member; null as JSON null (the readers tell a null apart from an absent member). */
  static void str(JsonGenerator g, SerializableString name, @Nullable String value)
      throws IOException {
    g.writeFieldName(name);
    if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value);
    }
  }

  /**
   * A number member (int, long and double kept apart: the admin API's tree keeps the type each was
   * written as).
   */
  static void num(JsonGenerator g, SerializableString name, int value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  /** A number member. */
  static void num(JsonGenerator g, SerializableString name, long value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  /** A number member that may have a fraction (a bucket's rate). */
  static void num(JsonGenerator g, SerializableString name, double value) throws IOException {
    g.writeFieldName(name);
    g.writeNumber(value);
  }

  /** A boolean member. */
  static void bool(JsonGenerator g, SerializableString name, boolean value) throws IOException {
    g.writeFieldName(name);
    g.writeBoolean(value);
  }

  /**
   * Field names, encoded once (quoted-UTF-8 forms are computed lazily and cached by {@link
   * SerializedString}).
   */
  static final class F {
    static final SerializableString REQUEST_ID = new SerializedString("requestId");
    static final SerializableString EPOCH_MILLIS = new SerializedString("epochMillis");
    static final SerializableString SOURCE_IP = new SerializedString("sourceIp");
    static final SerializableString PROTOCOL = new SerializedString("protocol");
    static final SerializableString METHOD = new SerializedString("method");
    static final SerializableString RAW_PATH = new SerializedString("rawPath");
    static final SerializableString HOST = new SerializedString("host");
    static final SerializableString ADDRESSING = new SerializedString("addressing");
    static final SerializableString SECURE = new SerializedString("secure");
    static final SerializableString API_ID = new SerializedString("apiId");
    static final SerializableString STAGE = new SerializedString("stage");
    static final SerializableString RESOURCE_PATH = new SerializedString("resourcePath");
    static final SerializableString RESOURCE_ID = new SerializedString("resourceId");
    static final SerializableString AUTHORIZATION_TYPE = new SerializedString("authorizationType");
    static final SerializableString API_KEY_REQUIRED = new SerializedString("apiKeyRequired");
    static final SerializableString CALLER = new SerializedString("caller");
    static final SerializableString API_KEY = new SerializedString("apiKey");
    static final SerializableString USAGE_PLAN_ID = new SerializedString("usagePlanId");
    static final SerializableString INTEGRATION_TYPE = new SerializedString("integrationType");
    static final SerializableString INTEGRATION_URI = new SerializedString("integrationUri");
    static final SerializableString INTEGRATION_TIMEOUT_MILLIS =
        new SerializedString("integrationTimeoutMillis");
    static final SerializableString INTEGRATION_LATENCY_MILLIS =
        new SerializedString("integrationLatencyMillis");
    static final SerializableString LATENCY_MILLIS = new SerializedString("latencyMillis");
    static final SerializableString STATUS = new SerializedString("status");
    static final SerializableString ERROR_TYPE = new SerializedString("errorType");
    static final SerializableString CAUSE = new SerializedString("cause");
    static final SerializableString KB_ARTICLE = new SerializedString("kbArticle");
    static final SerializableString CUSTOM_DOMAIN = new SerializedString("customDomain");
    static final SerializableString DOMAIN_NAME = new SerializedString("domainName");
    static final SerializableString MAPPING = new SerializedString("mapping");
    static final SerializableString BASE_PATH = new SerializedString("basePath");
    static final SerializableString REST_API_ID = new SerializedString("restApiId");
    static final SerializableString DETAIL = new SerializedString("detail");
    static final SerializableString KIND = new SerializedString("kind");
    static final SerializableString RATE = new SerializedString("rate");
    static final SerializableString BURST = new SerializedString("burst");
    static final SerializableString PLAN_ID = new SerializedString("planId");
    static final SerializableString LIMIT = new SerializedString("limit");
    static final SerializableString PERIOD = new SerializedString("period");
    static final SerializableString REASON = new SerializedString("reason");
    static final SerializableString MESSAGE = new SerializedString("message");
    static final SerializableString CROSS_ACCOUNT = new SerializedString("crossAccount");
    static final SerializableString OWNER = new SerializedString("owner");
    static final SerializableString IDENTITY_STATEMENT = new SerializedString("identityStatement");
    static final SerializableString RESOURCE_STATEMENT = new SerializedString("resourceStatement");
    static final SerializableString THROTTLES = new SerializedString("throttles");
    static final SerializableString LEVEL = new SerializedString("level");
    static final SerializableString TOKENS_REMAINING = new SerializedString("tokensRemaining");
    static final SerializableString QUOTA = new SerializedString("quota");
    static final SerializableString USED = new SerializedString("used");
    static final SerializableString REMAINING = new SerializedString("remaining");
    static final SerializableString FUNCTION_ARN = new SerializedString("functionArn");
    static final SerializableString EXECUTED_VERSION = new SerializedString("executedVersion");
    static final SerializableString COLD_START = new SerializedString("coldStart");
    static final SerializableString INIT_DURATION_MS = new SerializedString("initDurationMs");
    static final SerializableString DURATION_MS = new SerializedString("durationMs");
    static final SerializableString PROBLEM = new SerializedString("problem");
    static final SerializableString AUTHORIZER_ID = new SerializedString("authorizerId");
    static final SerializableString AUTHORIZER_TYPE = new SerializedString("authorizerType");
    static final SerializableString CACHE = new SerializedString("cache");
    static final SerializableString CACHE_AGE_MILLIS = new SerializedString("cacheAgeMillis");
    static final SerializableString PRINCIPAL_ID = new SerializedString("principalId");
    static final SerializableString STATEMENT = new SerializedString("statement");

    private F() {}
  }

  public static DecisionRecord fromJson(JsonNode n) {
    DecisionRecord.Fact detail = null;
    JsonNode d = n.get("detail");
    if (d != null && d.isObject()) {
      detail =
          switch (d.path("kind").asText()) {
            case "limit" ->
                new DecisionRecord.LimitFact(d.path("rate").asDouble(), d.path("burst").asInt());
            case "quota" ->
                new DecisionRecord.QuotaFact(
                    d.path("planId").asText(), d.path("limit").asInt(), d.path("period").asText());
            case "policy" ->
                new DecisionRecord.PolicyFact(
                    d.path("reason").asText(),
                    text(d, "message"),
                    d.path("crossAccount").asBoolean(),
                    text(d, "owner"),
                    text(d, "identityStatement"),
                    text(d, "resourceStatement"));
            case "signature" ->
                new DecisionRecord.SignatureFact(
                    d.path("errorType").asText(), d.path("message").asText());
            case "key" -> new DecisionRecord.KeyFact(d.path("reason").asText());
            case "validation" -> new DecisionRecord.ValidationFact(d.path("message").asText());
            case "cors" ->
                new DecisionRecord.CorsFact(d.path("reason").asText(), text(d, "message"));
            case "lambda" ->
                new DecisionRecord.LambdaFact(
                    d.path("functionArn").asText(),
                    d.path("coldStart").asBoolean(),
                    d.path("initDurationMs").asDouble(Double.NaN),
                    d.path("durationMs").asDouble(Double.NaN),
                    text(d, "problem"),
                    text(d, "executedVersion"));
            case "authorizer" ->
                new DecisionRecord.AuthorizerFact(
                    d.path("authorizerId").asText(),
                    d.path("authorizerType").asText(),
                    d.path("cache").asText(),
                    d.path("cacheAgeMillis").asLong(-1),
                    text(d, "principalId"),
                    text(d, "statement"),
                    text(d, "problem"));
            default -> null;
          };
    }
    Cause cause;
    try {
      cause = Cause.valueOf(n.path("cause").asText("OTHER_ERROR"));
    } catch (IllegalArgumentException e) {
      cause = Cause.OTHER_ERROR;
    }
    return new DecisionRecord(
        n.path("requestId").asText(),
        n.path("epochMillis").asLong(),
        n.path("sourceIp").asText(),
        n.path("protocol").asText(),
        n.path("method").asText(),
        n.path("rawPath").asText(),
        text(n, "host"),
        text(n, "addressing"),
        n.path("secure").asBoolean(),
        text(n, "apiId"),
        text(n, "stage"),
        text(n, "resourcePath"),
        text(n, "resourceId"),
        text(n, "authorizationType"),
        n.path("apiKeyRequired").asBoolean(),
        text(n, "caller"),
        text(n, "apiKey"),
        text(n, "usagePlanId"),
        text(n, "integrationType"),
        text(n, "integrationUri"),
        n.path("integrationTimeoutMillis").asInt(),
        n.path("integrationLatencyMillis").asLong(-1),
        n.path("latencyMillis").asLong(),
        n.path("status").asInt(),
        text(n, "errorType"),
        cause,
        detail,
        text(n.path("customDomain"), "domainName"),
        text(n.path("customDomain").path("mapping"), "basePath"),
        text(n.path("customDomain").path("mapping"), "restApiId"),
        text(n.path("customDomain").path("mapping"), "stage"),
        MeteringJson.read(n));
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
