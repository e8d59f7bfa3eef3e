package dev.turnpike.snapshot;

import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.lambda.FunctionConfig;
import dev.turnpike.lambda.FunctionDirectory;
import dev.turnpike.model.LambdaAlias;
import dev.turnpike.model.LambdaFunction;
import dev.turnpike.model.LambdaPolicy;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Compiles the stored functions, their published versions and aliases, and each target's resource
 * policy into a {@link LambdaIndex}. A policy that no longer parses (it was validated on write) is
 * reported and treated as absent, so the target stays callable only through credentials.
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
            d.key().accountId() + "/" + p.target(),
            PolicyParser.parse(p.policy(), PolicyParser.Kind.RESOURCE));
      } catch (MalformedPolicyException | IllegalArgumentException e) {
        problems.put("lambda policy " + d.key().id(), String.valueOf(e.getMessage()));
      }
    }
    Map<String, LambdaFunction> latest = new HashMap<>(); // account/name
    Map<String, Map<String, LambdaIndex.Function>> byAccount = new HashMap<>();
    for (Document d : store.listKind(Kinds.LAMBDA_FUNCTION)) {
      try {
        LambdaFunction f = Documents.read(d, LambdaFunction.class);
        String account = d.key().accountId();
        latest.put(account + "/" + f.functionName(), f);
        put(byAccount, account, f.functionName(), directory.config(f, account, region), policies);
      } catch (IllegalArgumentException e) {
        problems.put("lambda function " + d.key().id(), String.valueOf(e.getMessage()));
      }
    }
    Map<String, FunctionConfig> versions = new HashMap<>(); // account/name:version
    for (Document d : store.listKind(Kinds.LAMBDA_VERSION)) {
      try {
        LambdaFunction v = Documents.read(d, LambdaFunction.class);
        String account = d.key().accountId();
        LambdaFunction base = latest.get(account + "/" + v.functionName());
        if (base == null) {
          continue; // its function is gone
        }
        FunctionConfig config = directory.config(v, base, account, region);
        String target = LambdaIndex.key(v.functionName(), v.versionName());
        versions.put(account + "/" + target, config);
        put(byAccount, account, target, config, policies);
      } catch (IllegalArgumentException e) {
        problems.put("lambda version " + d.key().id(), String.valueOf(e.getMessage()));
      }
    }
    for (Document d : store.listKind(Kinds.LAMBDA_ALIAS)) {
      LambdaAlias a = Documents.read(d, LambdaAlias.class);
      String account = d.key().accountId();
      FunctionConfig primary = version(versions, latest, account, a, a.functionVersion(), region);
      if (primary == null) {
        problems.put("lambda alias " + d.key().id(), "its version is gone");
        continue;
      }
      String target = a.functionName() + ":" + a.name();
      String aliasArn = FunctionDirectory.arn(region, account, a.functionName()) + ":" + a.name();
      FunctionConfig weighted = null;
      double weight = 0;
      Map<String, Double> weights = a.additionalVersionWeights();
      if (weights != null && !weights.isEmpty()) {
        Map.Entry<String, Double> e = weights.entrySet().iterator().next();
        weighted = version(versions, latest, account, a, e.getKey(), region);
        weight = e.getValue();
      }
      byAccount
          .computeIfAbsent(account, k -> new HashMap<>())
          .put(
              target,
              new LambdaIndex.Function(
                  primary.invokedAs(aliasArn),
                  policies.get(account + "/" + target),
                  weighted == null ? null : weighted.invokedAs(aliasArn),
                  weight));
    }
    Map<String, Map<String, LambdaIndex.Function>> frozen = new HashMap<>();
    byAccount.forEach((account, functions) -> frozen.put(account, Map.copyOf(functions)));
    return new LambdaIndex(frozen);
  }

  private static void put(
      Map<String, Map<String, LambdaIndex.Function>> byAccount,
      String account,
      String target,
      FunctionConfig config,
      Map<String, CompiledPolicy> policies) {
    byAccount
        .computeIfAbsent(account, k -> new HashMap<>())
        .put(target, new LambdaIndex.Function(config, policies.get(account + "/" + target)));
  }

  private @Nullable FunctionConfig version(
      Map<String, FunctionConfig> versions,
      Map<String, LambdaFunction> latest,
      String account,
      LambdaAlias a,
      String version,
      String region) {
    if (version.equals("$LATEST")) {
      LambdaFunction f = latest.get(account + "/" + a.functionName());
      return f == null ? null : directory.config(f, account, region);
    }
    return versions.get(account + "/" + a.functionName() + ":" + version);
  }
}
