package dev.turnpike.pipeline;

import static java.util.Objects.requireNonNull;

import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.Fact;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.model.Json;
import dev.turnpike.snapshot.CompiledGatewayResponses;
import dev.turnpike.snapshot.ParameterMapping;
import dev.turnpike.template.TemplateException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Renders every refusal the gateway itself produces, from the one catalog {@link
 * GatewayResponseType}.
 *
 * <p>Implementation notes (spec 1.3, 1.4): a type's status, headers and template come from the
 * deployment's customized responses, already resolved through AWS's inheritance (type →
 * DEFAULT_4XX/5XX → built-in). The default template renders {@code {"message":"..."}} with no space
 * (42 bytes for Missing Authentication Token); the 5xx family renders {@code {"message": "..."}}
 * with a space after the colon, as recorded from AWS. Denials by IAM or a resource policy use
 * {@code Message} with a capital M. {@code Content-Type: application/json} and {@code
 * x-amzn-ErrorType} on every one.
 */
public final class GatewayResponses {
  private GatewayResponses() {}

  /**
   * Ends {@code ex} with a refusal: records why (the cause and its fact, for the decision record
   * and {@code explain}) and renders the type's gateway response with its default message. The one
   * call every refusal makes.
   */
  public static GatewayReply refuse(
      Exchange ex, GatewayResponseType type, Cause cause, @Nullable Fact fact) {
    return refuse(ex, type, cause, fact, type.defaultMessage(), null);
  }

  /**
   * As {@link #refuse(Exchange, GatewayResponseType, Cause, Fact)}, with a message and status of
   * its own.
   */
  public static GatewayReply refuse(
      Exchange ex,
      GatewayResponseType type,
      Cause cause,
      @Nullable Fact fact,
      String message,
      @Nullable Integer statusIfNotCustomized) {
    ex.cause = cause;
    ex.causeDetail = fact;
    return render(type, ex, message, statusIfNotCustomized);
  }

  /**
   * Ends {@code ex} with 403 {@code {"message":"Forbidden"}} for an unknown API, unknown stage or
   * disabled execute-api endpoint (spec 1.5), recording {@code cause}: these are not
   * gateway-response types, so no customization applies.
   */
  public static GatewayReply forbidden(Exchange ex, Cause cause) {
    ex.cause = cause;
    ex.causeDetail = null;
    return forbidden();
  }

  /**
   * A response of the given type with its default message (rendering only: a refusal goes through
   * refuse).
   */
  static GatewayReply render(GatewayResponseType type, Exchange ex) {
    return render(type, ex, type.defaultMessage(), null);
  }

  /**
   * A response of the given type.
   *
   * @param message {@code $context.error.message}
   * @param statusIfNotCustomized a status other than the type's default (e.g. 500 for an
   *     unreachable backend), used only when the deployment did not customize the type
   */
  static GatewayReply render(
      GatewayResponseType type,
      Exchange ex,
      String message,
      @Nullable Integer statusIfNotCustomized) {
    CompiledGatewayResponses custom =
        ex.stage == null ? CompiledGatewayResponses.builtIn() : ex.stage.gatewayResponses();
    CompiledGatewayResponses.Resolved resolved = custom.get(type);
    int status =
        resolved != null
            ? resolved.status()
            : statusIfNotCustomized != null ? statusIfNotCustomized : defaultStatus(type);
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("x-amzn-ErrorType", type.errorType());
    String body = null;
    if (resolved != null) {
      for (ParameterMapping m : resolved.headerMappings()) {
        String value = ParameterSources.resolveHeader(m.source(), ex, null);
        if (value != null) {
          headers.set(m.target(), value);
        }
      }
      if (resolved.template() != null) {
        body = renderTemplate(resolved, type, ex, message);
      }
    }
    if (body == null) {
      body = defaultBody(type, status, message);
    }
    return new GatewayReply(
        status, headers, body.getBytes(StandardCharsets.UTF_8), type.errorType(), message);
  }

  private static GatewayReply forbidden() {
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "application/json");
    headers.set("x-amzn-ErrorType", "ForbiddenException");
    return new GatewayReply(
        403,
        headers,
        "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8),
        "ForbiddenException",
        "Forbidden");
  }

  private static int defaultStatus(GatewayResponseType type) {
    Integer s = type.defaultStatus();
    return s == null ? 500 : s;
  }

  private static String defaultBody(GatewayResponseType type, int status, String message) {
    if (type == GatewayResponseType.ACCESS_DENIED) {
      return "{\"Message\":" + Json.quote(message) + "}";
    }
    if (type == GatewayResponseType.AUTHORIZER_CONFIGURATION_ERROR && message.equals("null")) {
      return "{\"message\":null}"; // recorded with a JSON null, not a text (spec 8.4)
    }
    Integer builtIn = type.defaultStatus();
    boolean fiveXxFamily = builtIn != null && builtIn >= 500;
    return (fiveXxFamily ? "{\"message\": " : "{\"message\":") + Json.quote(message) + "}";
  }

  private static @Nullable String renderTemplate(
      CompiledGatewayResponses.Resolved resolved,
      GatewayResponseType type,
      Exchange ex,
      String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("messageString", Json.quote(message));
    error.put("responseType", type.name());
    error.put(
        "validationErrorString", ex.validationErrorString == null ? "" : ex.validationErrorString);
    try {
      return requireNonNull(resolved.template(), "template")
          .render(TemplateInputs.of(ex, "", error));
    } catch (TemplateException e) {
      return null; // a broken custom template must not hide the refusal itself
    }
  }

  static List<String> queryValues(Exchange ex, String name) {
    return new QueryStringDecoder("?" + ex.rawQuery).parameters().getOrDefault(name, List.of());
  }
}
