package dev.turnpike.snapshot;

import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.model.LambdaPolicy;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.HashMap;
import java.util.Map;

/**
 * Compiles the stored functions and their resource policies into a {@link LambdaIndex}. A policy
 * that no longer parses (it was validated on write) is reported and treated as absent, so the
 * function stays callable only through credentials.
 */
final class LambdaCompiler {
  private final FunctionDirectory directory;

  LambdaCompiler(FunctionDirectory directory) {
    this.directory = directory;
  }

  LambdaIndex compile(ConfigStore store, String region, Map<String, String> problems) {
    Map<String, CompiledPolicy> policies = new HashMap<>();
    for (Document d : store.listKind(Kinds.LAMBDA_POLICY)) {
      try {
        LambdaPolicy p = Documents.read(d, LambdaPolicy.class);
        policies.put(
            d.key().accountId() + "/" + p.functionName(),
            PolicyParser.parse(p.policy(), PolicyParser.Kind.RESOURCE));
      } catch (MalformedPolicyException | IllegalArgumentException e) {
        problems.put("lambda policy " + d.key().id(), String.valueOf(e.getMessage()));
      }
    }
    Map<String, Map<String, LambdaIndex.Function>> byAccount = new HashMap<>();
    for (Document d : store.listKind(Kinds.LAMBDA_FUNCTION)) {
      try {
        LambdaFunction f = Documents.read(d, LambdaFunction.class);
        String account = d.key().accountId();
        byAccount
            .computeIfAbsent(account, k -> new HashMap<>())
            .put(
                f.functionName(),
                new LambdaIndex.Function(
                    directory.config(f, account, region),
                    policies.get(account + "/" + f.functionName())));
      } catch (IllegalArgumentException e) {
        problems.put("lambda function " + d.key().id(), String.valueOf(e.getMessage()));
      }
    }
    Map<String, Map<String, LambdaIndex.Function>> frozen = new HashMap<>();
    byAccount.forEach((account, functions) -> frozen.put(account, Map.copyOf(functions)));
    return new LambdaIndex(frozen);
  }
}
