package dev.turnpike.integration.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.LambdaFact;
import dev.turnpike.integration.http.IntegrationHeaders;
import dev.turnpike.lambda.InvokeResult;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.pipeline.Exchange;
import dev.turnpike.pipeline.GatewayReply;
import dev.turnpike.pipeline.GatewayResponses;
import io.netty.handler.codec.http.HttpHeaders;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What a Lambda integration answers (spec 6.5, 6.9), rendered through the one gateway-response
 * catalog: configuration errors (no permission, no function, throttled) 500 {@code {"message":
 * "Internal server error"}}; function errors and malformed responses 502 with the same body;
 * timeouts 504 {@code Endpoint request timed out}. Every 5xx carries {@code X-Amzn-Trace-Id}, as
 * AWS's do.
 */
final class LambdaReplies {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String INTERNAL = "Internal server error";

  private LambdaReplies() {}

  static GatewayReply configuration(Exchange ex, Cause cause, @Nullable LambdaFact fact) {
    return traced(
        ex,
        GatewayResponses.refuse(
            ex, GatewayResponseType.API_CONFIGURATION_ERROR, cause, fact, INTERNAL, null));
  }

  static GatewayReply functionError(Exchange ex, LambdaFact fact) {
    return traced(
        ex,
        GatewayResponses.refuse(
            ex,
            GatewayResponseType.INTEGRATION_FAILURE,
            Cause.LAMBDA_FUNCTION_ERROR,
            fact,
            INTERNAL,
            502));
  }

  static GatewayReply malformed(Exchange ex, LambdaFact fact) {
    return traced(
        ex,
        GatewayResponses.refuse(
            ex,
            GatewayResponseType.API_CONFIGURATION_ERROR,
            Cause.LAMBDA_MALFORMED_RESPONSE,
            fact,
            INTERNAL,
            502));
  }

  static GatewayReply timeout(Exchange ex, LambdaFact fact) {
    return traced(
        ex,
        GatewayResponses.refuse(
            ex, GatewayResponseType.INTEGRATION_TIMEOUT, Cause.INTEGRATION_TIMEOUT, fact));
  }

  /** The function's response as the client sees it: AWS's header remapping, JSON by default. */
  static GatewayReply success(ProxyResponse.Valid valid) {
    HttpHeaders headers = IntegrationHeaders.forClientResponse(valid.headers());
    if (!headers.contains("Content-Type")) {
      headers.set("Content-Type", "application/json");
    }
    return GatewayReply.of(valid.status(), headers, valid.body());
  }

  /** {@code errorMessage} of a function error payload, or the payload itself. */
  static String errorMessage(InvokeResult r) {
    try {
      JsonNode error = MAPPER.readTree(r.payload());
      if (error != null && error.hasNonNull("errorMessage")) {
        return error.get("errorMessage").asText();
      }
    } catch (IOException e) {
      // not JSON: the payload text below
    }
    return r.payloadText();
  }

  static LambdaFact fact(String functionArn, @Nullable InvokeResult r, @Nullable String problem) {
    return fact(functionArn, r, problem, null);
  }

  /** As above, with the version the function ran ({@code $LATEST}, a number: an alias's pick). */
  static LambdaFact fact(
      String functionArn,
      @Nullable InvokeResult r,
      @Nullable String problem,
      @Nullable String executedVersion) {
    if (r == null || r.outcome() == InvokeResult.Outcome.THROTTLED) {
      return new LambdaFact(functionArn, false, Double.NaN, Double.NaN, problem, executedVersion);
    }
    Double init = r.initDurationMs();
    return new LambdaFact(
        functionArn,
        init != null,
        init == null ? Double.NaN : init,
        r.durationMs(),
        problem,
        executedVersion);
  }

  private static GatewayReply traced(Exchange ex, GatewayReply reply) {
    reply.headers().set("X-Amzn-Trace-Id", ex.traceId());
    return reply;
  }
}
