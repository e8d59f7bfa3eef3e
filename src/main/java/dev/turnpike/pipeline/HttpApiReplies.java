package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.Fact;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * What an HTTP API answers when the gateway itself refuses (spec 1.6): {@code {"message":"…"}} with
 * {@code Content-Type: application/json} and no {@code x-amzn-ErrorType}; HTTP APIs have no
 * gateway-response customization. The one place these replies are rendered and their cause
 * recorded.
 */
public final class HttpApiReplies {
  private HttpApiReplies() {}

  /** 404 {@code {"message":"Not Found"}}. */
  public static GatewayReply notFound(Exchange ex, Cause cause) {
    return refuse(ex, 404, "Not Found", cause, null);
  }

  /** 500 {@code {"message":"Internal Server Error"}} (capital S, unlike REST). */
  public static GatewayReply internalError(Exchange ex, Cause cause, @Nullable Fact fact) {
    return refuse(ex, 500, "Internal Server Error", cause, fact);
  }

  /** 503 {@code {"message":"Service Unavailable"}}: the integration timed out (body [UNCONF]). */
  public static GatewayReply serviceUnavailable(Exchange ex, Cause cause) {
    return refuse(ex, 503, "Service Unavailable", cause, null);
  }

  /** 429 {@code {"message":"Too Many Requests"}}. */
  public static GatewayReply tooManyRequests(Exchange ex, Cause cause) {
    return refuse(ex, 429, "Too Many Requests", cause, null);
  }

  /** 403 {@code {"message":"Forbidden"}}. */
  public static GatewayReply forbidden(Exchange ex, Cause cause, @Nullable Fact fact) {
    return refuse(ex, 403, "Forbidden", cause, fact);
  }

  /** Records why {@code ex} ended and renders {@code {"message":message}} with {@code status}. */
  public static GatewayReply refuse(
      Exchange ex, int status, String message, Cause cause, @Nullable Fact fact) {
    ex.cause = cause;
    ex.causeDetail = fact;
    HttpHeaders headers = new DefaultHttpHeaders();
    headers.set("Content-Type", "application/json");
    byte[] body =
        ("{\"message\":" + dev.turnpike.model.Json.quote(message) + "}")
            .getBytes(StandardCharsets.UTF_8);
    return new GatewayReply(status, headers, body, null, message);
  }
}
