package dev.turnpike.snapshot;

import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.lambda.FunctionConfig;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda functions Lambda integrations may call, compiled with the snapshot: by account, then
 * invocation target ({@code name} for the unqualified function and {@code $LATEST}, {@code
 * name:version}, {@code name:alias}), each with what an invoke needs and the resource policy of
 * that target (the AddPermission statements), compiled once so the request path evaluates it
 * without parsing.
 */
public record LambdaIndex(Map<String, Map<String, Function>> byAccount) {
  public static final LambdaIndex EMPTY = new LambdaIndex(Map.of());

  public LambdaIndex {
    byAccount = Map.copyOf(byAccount);
  }

  /** The unqualified function {@code name} of {@code accountId}, or null when there is none. */
  public @Nullable Function function(String accountId, String name) {
    return function(accountId, name, null);
  }

  /**
   * The target {@code name} qualified by {@code qualifier} (null or {@code $LATEST}: the function
   * itself; a version number; an alias), or null when there is no such function, version or alias.
   */
  public @Nullable Function function(String accountId, String name, @Nullable String qualifier) {
    Map<String, Function> functions = byAccount.get(accountId);
    if (functions == null) {
      return null;
    }
    return functions.get(key(name, qualifier));
  }

  /** The index key of a target. */
  static String key(String name, @Nullable String qualifier) {
    return qualifier == null || qualifier.equals("$LATEST") ? name : name + ":" + qualifier;
  }

  /**
   * One invocation target.
   *
   * @param config the configuration an invoke runs ({@code $LATEST}'s, a version's, or an alias's
   *     primary version's)
   * @param policy the target's resource policy, or null without one (then only an integration's
   *     credentials role can grant API Gateway the call)
   * @param weighted an alias's additional version, or null
   * @param weight the share of invocations {@code weighted} takes, in [0, 1]
   */
  public record Function(
      FunctionConfig config,
      @Nullable CompiledPolicy policy,
      @Nullable FunctionConfig weighted,
      double weight) {

    public Function(FunctionConfig config, @Nullable CompiledPolicy policy) {
      this(config, policy, null, 0);
    }

    /**
     * The configuration one invocation runs.
     *
     * @param random uniform in [0, 1)
     */
    public FunctionConfig pick(double random) {
      return weighted != null && random < weight ? weighted : config;
    }
  }
}
