package dev.turnpike.control.apigateway;

import dev.turnpike.model.GatewayResponse;
import dev.turnpike.model.GatewayResponseInheritance;
import dev.turnpike.model.GatewayResponseType;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The control plane's view of the gateway response catalog ({@link GatewayResponseType}, the one
 * list of types): types ordered by name as {@code GetGatewayResponses} lists them, and the
 * inheritance rule of {@link GatewayResponseInheritance}.
 */
public final class GatewayResponseDefaults {
  /** The template every built-in response carries. */
  public static final String DEFAULT_TEMPLATE = GatewayResponseType.DEFAULT_TEMPLATE;

  /** Type → built-in status, ordered by name as {@code GetGatewayResponses} lists them. */
  private static final Map<String, Type> TYPES = new TreeMap<>();

  static {
    for (GatewayResponseType t : GatewayResponseType.values()) {
      Integer status = t.defaultStatus();
      TYPES.put(t.name(), new Type(t, status == null ? null : status.toString()));
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
    return GatewayResponseInheritance.builtIn(t.type());
  }

  /** The effective response of {@code t} given the API's customized responses (type → response). */
  public static GatewayResponse resolve(Type t, Map<String, GatewayResponse> customized) {
    return GatewayResponseInheritance.resolve(t.type(), customized);
  }

  /** One gateway response type and its built-in status ({@code null} for the DEFAULT_ parents). */
  public record Type(GatewayResponseType type, @Nullable String defaultStatus) {
    public String name() {
      return type.name();
    }
  }
}
