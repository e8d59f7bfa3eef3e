package dev.turnpike.control.apigateway;

import dev.turnpike.model.GatewayResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Every REST gateway response type with its built-in status and the {@code DEFAULT_4XX}/{@code DEFAULT_5XX} parent it
 * inherits from, and the resolution AWS applies: explicit type, else the customized parent of its status class,
 * else the built-in default. Pure; the data plane may reuse it.
 *
 * <p>Implementation notes: statuses are from the developer guide
 * (https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html) and the
 * recorded {@code GetGatewayResponses} output (spec 1.4). An inherited item keeps {@code defaultResponse: true} but
 * takes the parent's status (when set), parameters and templates (LocalStack snapshot {@code test_gateway_response_put}).
 * UNAUTHORIZED has no documented parent; it follows its 4xx status class.
 */
public final class GatewayResponseDefaults {
  /** The template every built-in response carries. */
  public static final String DEFAULT_TEMPLATE = "{\"message\":$context.error.messageString}";
  public static final String DEFAULT_4XX = "DEFAULT_4XX";
  public static final String DEFAULT_5XX = "DEFAULT_5XX";

  /** Type → built-in status, ordered by name as {@code GetGatewayResponses} lists them. */
  private static final Map<String, Type> TYPES = new TreeMap<>();

  static {
    for (Type t : List.of(
        new Type("ACCESS_DENIED", "403", DEFAULT_4XX),
        new Type("API_CONFIGURATION_ERROR", "500", DEFAULT_5XX),
        new Type("AUTHORIZER_CONFIGURATION_ERROR", "500", DEFAULT_5XX),
        new Type("AUTHORIZER_FAILURE", "500", DEFAULT_5XX),
        new Type("BAD_REQUEST_BODY", "400", DEFAULT_4XX),
        new Type("BAD_REQUEST_PARAMETERS", "400", DEFAULT_4XX),
        new Type(DEFAULT_4XX, null, null),
        new Type(DEFAULT_5XX, null, null),
        new Type("EXPIRED_TOKEN", "403", DEFAULT_4XX),
        new Type("INTEGRATION_FAILURE", "504", DEFAULT_5XX),
        new Type("INTEGRATION_TIMEOUT", "504", DEFAULT_5XX),
        new Type("INVALID_API_KEY", "403", DEFAULT_4XX),
        new Type("INVALID_SIGNATURE", "403", DEFAULT_4XX),
        new Type("MISSING_AUTHENTICATION_TOKEN", "403", DEFAULT_4XX),
        new Type("QUOTA_EXCEEDED", "429", DEFAULT_4XX),
        new Type("REQUEST_TOO_LARGE", "413", DEFAULT_4XX),
        new Type("RESOURCE_NOT_FOUND", "404", DEFAULT_4XX),
        new Type("THROTTLED", "429", DEFAULT_4XX),
        new Type("UNAUTHORIZED", "401", DEFAULT_4XX),
        new Type("UNSUPPORTED_MEDIA_TYPE", "415", DEFAULT_4XX),
        new Type("WAF_FILTERED", "403", DEFAULT_4XX))) {
      TYPES.put(t.name(), t);
    }
  }

  private GatewayResponseDefaults() {}

  /** All types, ordered by name. */
  public static Collection<Type> types() {
    return TYPES.values();
  }

  public static @Nullable Type type(String name) {
    return TYPES.get(name);
  }

  /** The built-in response of a type, as an API without customizations shows it. */
  public static GatewayResponse builtIn(Type t) {
    return new GatewayResponse(t.name(), t.defaultStatus(), Map.of(), Map.of("application/json", DEFAULT_TEMPLATE), true);
  }

  /**
   * The effective response of {@code t} given the API's customized responses (type → response).
   */
  public static GatewayResponse resolve(Type t, Map<String, GatewayResponse> customized) {
    GatewayResponse own = customized.get(t.name());
    if (own != null) {
      return own;
    }
    GatewayResponse parent = t.parent() == null ? null : customized.get(t.parent());
    if (parent == null) {
      return builtIn(t);
    }
    String status = parent.statusCode() != null ? parent.statusCode() : t.defaultStatus();
    return new GatewayResponse(t.name(), status, parent.responseParameters(), parent.responseTemplates(), true);
  }

  /** One gateway response type: built-in status ({@code null} for the DEFAULT_ parents) and parent type. */
  public record Type(String name, @Nullable String defaultStatus, @Nullable String parent) {}
}
