package dev.turnpike.pipeline;

import dev.turnpike.auth.keys.ApiKeyMask;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.observe.ExecutionLog;
import dev.turnpike.snapshot.CompiledMethod;
import dev.turnpike.snapshot.CompiledStage;
import dev.turnpike.snapshot.KeyGrant;
import dev.turnpike.snapshot.KeyIndex;
import dev.turnpike.snapshot.StageMetering;
import io.netty.util.AsciiString;
import org.jspecify.annotations.Nullable;

/**
 * The API-key check of a usage plan (spec 1.7 step 8, 2.5): a method with {@code apiKeyRequired}
 * needs an enabled key, sent in {@code X-API-Key} (apiKeySource HEADER), that a usage plan admits
 * to this API stage; otherwise {@code INVALID_API_KEY} (403 {@code {"message":"Forbidden"}}, {@code
 * ForbiddenException}). One hash lookup of the header value in the stage's compiled grants,
 * whatever the number of keys. Also starts the exchange's execution trace when the method logs.
 *
 * <p>Log lines: "Verifying Usage Plan…", "…does not require API Key…" and "…not associated with a
 * Usage Plan…" are recorded (spec 2.6); the wording for a missing, unknown or disabled key is ours
 * [UNCONF].
 */
public final class ApiKeyStage implements Stage {
  private static final AsciiString X_API_KEY = AsciiString.cached("x-api-key");
  private final ExecutionLog log;

  public ApiKeyStage(ExecutionLog log) {
    this.log = log;
  }

  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    CompiledStage stage = ex.stage();
    StageMetering metering = stage.metering();
    CompiledMethod method = ex.method();
    ExecutionTrace trace = ExecutionTrace.of(ex, log);
    // apiKeySource AUTHORIZER: the key is the authorizer's usageIdentifierKey (spec 8.3).
    String sent =
        metering.apiKeyFromHeader()
            ? ex.headers.get(X_API_KEY)
            : ex.authorizer == null ? null : ex.authorizer.usageIdentifierKey();
    if (trace != null) {
      trace.info(
          ex,
          "Verifying Usage Plan for request: "
              + ex.requestId
              + ". API Key: "
              + masked(sent)
              + " API Stage: "
              + stage.apiId()
              + "/"
              + stage.stageName());
    }
    if (!method.apiKeyRequired()) {
      if (trace != null) {
        trace.info(
            ex,
            "API Key "
                + masked(sent)
                + " authorized because method '"
                + label(ex)
                + "' does not require API Key. Request will not contribute to throttle or quota"
                + " limits");
      }
      return null;
    }
    KeyGrant grant = sent == null ? null : metering.grants().get(sent);
    if (grant == null) {
      if (trace != null) {
        trace.error(
            ex,
            "API Key "
                + masked(sent)
                + " not authorized because method '"
                + label(ex)
                + "' requires API Key and "
                + reason(ex, sent));
      }
      return GatewayResponses.refuse(
          ex, GatewayResponseType.INVALID_API_KEY, Decisions.keyCause(ex, sent), null);
    }
    ex.keyGrant = grant;
    return null;
  }

  private static String reason(Exchange ex, @Nullable String sent) {
    if (sent == null || sent.isEmpty()) {
      return "API Key is missing";
    }
    KeyIndex.Entry entry = ex.snapshot.keys().get(sent);
    if (entry == null || !entry.accountId().equals(ex.stage().accountId())) {
      return "API Key is invalid";
    }
    if (!entry.enabled()) {
      return "API Key is disabled";
    }
    return "API Key is not associated with a Usage Plan for API Stage "
        + ex.stage().apiId()
        + "/"
        + ex.stage().stageName()
        + ": No Usage Plan found for key and API Stage";
  }

  static String masked(@Nullable String key) {
    return key == null ? "" : ApiKeyMask.mask(key);
  }

  /**
   * {@code GET /pets}: the request's verb and the matched resource path, as AWS's lines name a
   * method.
   */
  static String label(Exchange ex) {
    return ex.method + " " + ex.route().resourcePath();
  }
}
