package dev.turnpike.snapshot;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.sigv4.Credential;
import dev.turnpike.auth.sigv4.CredentialResolver;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the data plane needs for SigV4 and IAM, compiled with the snapshot: every usable access key
 * (long-term and STS session keys, with their caller), identity policies compiled per principal
 * (users by user ARN, roles by role ARN, each list = inline + attached managed policies), and each
 * deployment's resource policy. Immutable; the request path never reads the store.
 */
public record IamIndex(
    Map<String, Credential> credentials,
    Map<String, Caller> callers,
    Map<String, List<CompiledPolicy>> identityPolicies,
    Map<String, CompiledPolicy> resourcePolicies)
    implements CredentialResolver {

  public IamIndex {
    credentials = Map.copyOf(credentials);
    callers = Map.copyOf(callers);
    identityPolicies = Map.copyOf(identityPolicies);
    resourcePolicies = Map.copyOf(resourcePolicies);
  }

  public static IamIndex empty() {
    return new IamIndex(Map.of(), Map.of(), Map.of(), Map.of());
  }

  @Override
  public @Nullable Credential resolve(String accessKeyId) {
    return credentials.get(accessKeyId);
  }

  /** The caller an access key acts as (its ids included). */
  public Caller caller(Credential credential) {
    Caller c = callers.get(credential.accessKeyId());
    return c != null ? c : Caller.fromArn(credential.principalArn());
  }

  /**
   * Inline and attached policies of a user or role session; roots have none (they may do
   * everything).
   */
  public List<CompiledPolicy> identityPolicies(Caller caller) {
    String key = caller.roleArn() != null ? caller.roleArn() : caller.arn();
    return identityPolicies.getOrDefault(key, List.of());
  }

  /** The resource policy a deployment froze, or null. */
  public @Nullable CompiledPolicy resourcePolicy(String apiId, String deploymentId) {
    // Asked on every request that reaches the IAM stage; without any resource policy, skip building
    // the key.
    return resourcePolicies.isEmpty() ? null : resourcePolicies.get(apiId + "/" + deploymentId);
  }
}
