package dev.turnpike.model;

import java.util.Map;

/**
 * How a gateway response type gets its effective settings (spec 1.4, recorded): the type's own
 * customization if put; else its status class's customized DEFAULT_4XX/DEFAULT_5XX (the parent's
 * status when set, its parameters and templates), still shown as {@code defaultResponse: true};
 * else the built-in default. One home for the rule: the control plane lists with it, the snapshot
 * compiler renders with it.
 */
public final class GatewayResponseInheritance {
  private GatewayResponseInheritance() {}

  /** The built-in response of a type, as an API without customizations shows it. */
  public static GatewayResponse builtIn(GatewayResponseType type) {
    Integer status = type.defaultStatus();
    return new GatewayResponse(
        type.name(),
        status == null ? null : status.toString(),
        Map.of(),
        Map.of("application/json", GatewayResponseType.DEFAULT_TEMPLATE),
        true);
  }

  /** The effective response of {@code type} given an API's customized responses by type name. */
  public static GatewayResponse resolve(
      GatewayResponseType type, Map<String, GatewayResponse> customized) {
    GatewayResponse own = customized.get(type.name());
    if (own != null) {
      return own;
    }
    GatewayResponseType parentType = type.parent();
    GatewayResponse parent = parentType == null ? null : customized.get(parentType.name());
    if (parent == null) {
      return builtIn(type);
    }
    Integer builtInStatus = type.defaultStatus();
    String status =
        parent.statusCode() != null
            ? parent.statusCode()
            : builtInStatus == null ? null : builtInStatus.toString();
    return new GatewayResponse(
        type.name(), status, parent.responseParameters(), parent.responseTemplates(), true);
  }
}
