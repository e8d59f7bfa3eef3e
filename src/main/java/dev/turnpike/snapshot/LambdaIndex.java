package dev.turnpike.snapshot;

import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.lambda.FunctionConfig;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The Lambda functions Lambda integrations may call, compiled with the snapshot: by account, then
 * name, each with what an invoke needs and its resource policy (the AddPermission statements),
 * compiled once so the request path evaluates it without parsing.
 */
public record LambdaIndex(Map<String, Map<String, Function>> byAccount) {
  public static final LambdaIndex EMPTY = new LambdaIndex(Map.of());

  public LambdaIndex {
    byAccount = Map.copyOf(byAccount);
  }

  /** The function {@code name} of {@code accountId}, or null when there is none. */
  public @Nullable Function function(String accountId, String name) {
    Map<String, Function> functions = byAccount.get(accountId);
    return functions == null ? null : functions.get(name);
  }

  /**
   * One function.
   *
   * @param config its {@code $LATEST} configuration, as an invoke runs it
   * @param policy its resource policy, or null without one (then only an integration's credentials
   *     role can grant API Gateway the call)
   */
  public record Function(FunctionConfig config, @Nullable CompiledPolicy policy) {}
}
