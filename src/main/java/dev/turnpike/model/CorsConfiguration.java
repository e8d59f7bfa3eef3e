package dev.turnpike.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * botocore {@code apigatewayv2} {@code Cors}: an HTTP API's {@code corsConfiguration}, with AWS's
 * member names. Lists are never null (an absent member is an empty list, as AWS omits empty lists
 * when it answers); {@code allowCredentials} and {@code maxAge} are null when not set. The rules
 * that use it (preflight answers, headers on responses, validation) are the {@code cors} package's.
 */
public record CorsConfiguration(
    @Nullable Boolean allowCredentials,
    List<String> allowHeaders,
    List<String> allowMethods,
    List<String> allowOrigins,
    List<String> exposeHeaders,
    @Nullable Integer maxAge) {

  /** A configuration that allows nothing (what an empty {@code corsConfiguration} means). */
  public static final CorsConfiguration EMPTY =
      new CorsConfiguration(null, List.of(), List.of(), List.of(), List.of(), null);

  public CorsConfiguration {
    allowHeaders = List.copyOf(allowHeaders);
    allowMethods = List.copyOf(allowMethods);
    allowOrigins = List.copyOf(allowOrigins);
    exposeHeaders = List.copyOf(exposeHeaders);
  }

  /** True when {@code allowCredentials} is set to true. */
  public boolean credentials() {
    return Boolean.TRUE.equals(allowCredentials);
  }
}
