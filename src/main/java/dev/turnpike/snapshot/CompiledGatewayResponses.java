package dev.turnpike.snapshot;

import dev.turnpike.model.GatewayResponseType;
import dev.turnpike.template.CompiledTemplate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A deployment's gateway responses, each type already resolved through AWS's inheritance (explicit
 * type → customized DEFAULT_4XX/5XX → built-in), so rendering a refusal is one map lookup.
 */
public final class CompiledGatewayResponses {
  private static final CompiledGatewayResponses BUILT_IN =
      new CompiledGatewayResponses(new EnumMap<>(GatewayResponseType.class));

  private final Map<GatewayResponseType, Resolved> resolved;

  CompiledGatewayResponses(Map<GatewayResponseType, Resolved> resolved) {
    this.resolved = new EnumMap<>(GatewayResponseType.class);
    this.resolved.putAll(resolved);
  }

  /** AWS's defaults, for refusals that happen before a stage is known. */
  public static CompiledGatewayResponses builtIn() {
    return BUILT_IN;
  }

  /** The customized response for a type, or null when the built-in default applies unchanged. */
  public @Nullable Resolved get(GatewayResponseType type) {
    return resolved.get(type);
  }

  /**
   * A customized response: status, {@code gatewayresponse.header.*} mappings (compiled from the
   * response's {@code responseParameters}) and the template for application/json (null = the
   * default template).
   */
  public record Resolved(
      int status, List<ParameterMapping> headerMappings, @Nullable CompiledTemplate template) {
    public Resolved(
        int status, Map<String, String> responseParameters, @Nullable CompiledTemplate template) {
      this(
          status,
          ParameterMapping.withPrefix(responseParameters, "gatewayresponse.header."),
          template);
    }

    public Resolved {
      headerMappings = List.copyOf(headerMappings);
    }
  }
}
