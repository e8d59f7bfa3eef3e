package dev.turnpike.snapshot;

import dev.turnpike.cors.CorsRules;
import dev.turnpike.counters.Limiter;
import dev.turnpike.routing.HttpRouteTable;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One stage of an HTTP API: the deployment's route table (compiled once per deployment), stage
 * variables, the API's CORS rules (null without {@code corsConfiguration}), access-log format, and
 * throttles: a bucket per route with its own {@code routeSettings} (by route key), else the stage's
 * {@code defaultRouteSettings} bucket, then the account's. Limiters are null without metering or
 * without settings.
 */
public record CompiledHttpStage(
    String apiId,
    String accountId,
    String stageName,
    String deploymentId,
    boolean executeApiEndpointDisabled,
    Map<String, String> variables,
    HttpRouteTable<CompiledRoute> routes,
    @Nullable CorsRules cors,
    @Nullable String accessLogFormat,
    Map<String, Limiter> routeLimiters,
    @Nullable Limiter defaultLimiter,
    @Nullable Limiter accountLimiter) {
  public CompiledHttpStage {
    variables = Map.copyOf(variables);
    routeLimiters = Map.copyOf(routeLimiters);
  }

  /** The route's bucket: its own, else the stage default; null when neither is set. */
  public @Nullable Limiter limiter(String routeKey) {
    Limiter own = routeLimiters.get(routeKey);
    return own != null ? own : defaultLimiter;
  }
}
