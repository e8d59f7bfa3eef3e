package dev.turnpike.pipeline;

import dev.turnpike.decision.Cause;
import dev.turnpike.decision.DecisionRecord.ValidationFact;
import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.validation.BodySchema;
import dev.turnpike.validation.MethodValidation;
import dev.turnpike.validation.ParameterLookup;
import dev.turnpike.validation.RequiredParameter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The method request's validation (spec 1.7 step 9, 6.8, 11.2): after the authorizer, the API key,
 * the throttles and the quota (a refused request counts against them, as AWS's logs show the usage
 * plan check before it), before the integration. Required parameters first: 400 {@code {"message":
 * "Missing required request parameters: [a, b]"}} ({@code BAD_REQUEST_PARAMETERS}); then the body
 * against the model for its content type: 400 {@code {"message":"Invalid request body"}} ({@code
 * BAD_REQUEST_BODY}) with {@code $context.error.validationErrorString} for customized gateway
 * responses. Both render through the one catalog. A method without a validator costs one null
 * check; the checks themselves were compiled with the deployment.
 */
public final class RequestValidationStage implements Stage {
  @Override
  public @Nullable GatewayReply apply(Exchange ex) {
    MethodValidation validation = ex.method().validation();
    if (validation == null) {
      return null;
    }
    String missing = validation.missingParameters(new Lookup(ex));
    if (missing != null) {
      if (ex.executionTrace != null) {
        ex.executionTrace.error(ex, missing); // [UNCONF] AWS's line for parameters
      }
      return GatewayResponses.refuse(
          ex,
          GatewayResponseType.BAD_REQUEST_PARAMETERS,
          Cause.BAD_REQUEST_PARAMETERS,
          new ValidationFact(missing),
          missing,
          null);
    }
    if (validation.validateBody()) {
      BodySchema model = validation.modelFor(ex.headers.get(HttpHeaderNames.CONTENT_TYPE));
      String error = model == null ? null : model.check(ex.body);
      if (model != null && error != null) {
        ex.validationErrorString = error;
        // Recorded (spec 11.2): "Request body does not match model schema for content type
        // application/json: [object has missing required properties (["name"])]".
        String line =
            "Request body does not match model schema for content type "
                + model.contentType()
                + ": "
                + error;
        if (ex.executionTrace != null) {
          ex.executionTrace.error(ex, line);
        }
        return GatewayResponses.refuse(
            ex,
            GatewayResponseType.BAD_REQUEST_BODY,
            Cause.BAD_REQUEST_BODY,
            new ValidationFact("model " + model.modelName() + ": " + line));
      }
    }
    return null;
  }

  /**
   * The request's parameters: present means a non-empty value ({@code ?q=} is missing, spec 11.2).
   * The query string is decoded once, and only when a query parameter is asked for.
   */
  private static final class Lookup implements ParameterLookup {
    private final Exchange ex;
    private @Nullable Map<String, List<String>> query;

    Lookup(Exchange ex) {
      this.ex = ex;
    }

    @Override
    public boolean present(RequiredParameter.Location location, String name) {
      return switch (location) {
        case HEADER -> nonEmpty(ex.headers.get(name));
        case PATH -> nonEmpty(ex.route().pathParams().get(name));
        case QUERY -> {
          if (query == null) {
            query = new QueryStringDecoder("?" + ex.rawQuery).parameters();
          }
          List<String> values = query.get(name);
          yield values != null && !values.isEmpty() && nonEmpty(values.get(0));
        }
      };
    }

    private static boolean nonEmpty(@Nullable String value) {
      return value != null && !value.isBlank();
    }
  }
}
