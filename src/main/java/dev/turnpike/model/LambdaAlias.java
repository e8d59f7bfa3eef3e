package dev.turnpike.model;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Lambda alias ({@code lambda-alias} document, scope the function's name, id the alias name): a
 * name for a published version (or {@code $LATEST}), with an optional second version that receives
 * a share of the invocations ({@code RoutingConfig.AdditionalVersionWeights}, one entry at most).
 */
public record LambdaAlias(
    String functionName,
    String name,
    String functionVersion,
    String description,
    @Nullable Map<String, Double> additionalVersionWeights,
    String revisionId) {

  /**
   * The version one invocation runs: the additional version with its weight's probability, else the
   * primary.
   *
   * @param random uniform in [0, 1)
   */
  public String pickVersion(double random) {
    if (additionalVersionWeights != null) {
      for (Map.Entry<String, Double> e : additionalVersionWeights.entrySet()) {
        if (random < e.getValue()) {
          return e.getKey();
        }
      }
    }
    return functionVersion;
  }
}
