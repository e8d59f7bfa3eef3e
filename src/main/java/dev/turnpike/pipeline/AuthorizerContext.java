package dev.turnpike.pipeline;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an authorizer established for an exchange (spec 8.5): the principal, the context its
 * function returned (string, number and boolean values only, in the function's order), the claims
 * of a Cognito token (strings), the API key {@code usageIdentifierKey} names for usage plans with
 * {@code apiKeySource: AUTHORIZER}, and the authorizer's own latency (0 when the result came from
 * the cache). Read by the API-key stage, templates ({@code $context.authorizer.*}), the Lambda
 * proxy event ({@code requestContext.authorizer}) and access logs.
 */
public record AuthorizerContext(
    @Nullable String principalId,
    Map<String, Object> context,
    @Nullable Map<String, String> claims,
    @Nullable String usageIdentifierKey,
    long latencyMillis) {

  public AuthorizerContext {
    context = Map.copyOf(context);
    claims = claims == null ? null : Map.copyOf(claims);
  }

  /**
   * {@code $context.authorizer.{key}}: the value stringified as AWS does ({@code 1}, {@code true}).
   */
  public @Nullable String value(String key) {
    if (key.equals("principalId")) {
      return principalId;
    }
    if (key.equals("integrationLatency") || key.equals("latency")) {
      return Long.toString(latencyMillis);
    }
    if (key.startsWith("claims.") && claims != null) {
      return claims.get(key.substring("claims.".length()));
    }
    Object v = context.get(key);
    return v == null ? null : v.toString();
  }
}
