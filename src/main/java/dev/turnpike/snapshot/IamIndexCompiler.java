package dev.turnpike.snapshot;

import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.auth.sigv4.Credential;
import dev.turnpike.model.AccessKey;
import dev.turnpike.model.DeployedApi;
import dev.turnpike.model.IamPolicy;
import dev.turnpike.model.IamRole;
import dev.turnpike.model.IamUser;
import dev.turnpike.model.StsSession;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the {@link IamIndex} from the store on the snapshot thread. Policy documents were
 * validated on write; one that no longer compiles is skipped (its principal then has fewer
 * permissions, never more) and reported. Resource policies are cached per deployment (deployments
 * are immutable), identity policies per document text.
 */
public final class IamIndexCompiler {
  /**
   * Expired sessions stay resolvable this long, so their callers read "expired" rather than
   * "invalid".
   */
  private static final long EXPIRED_GRACE_SECONDS = 86_400;

  private final Map<String, CompiledPolicy> resourceCache = new ConcurrentHashMap<>();
  private final Map<String, CompiledPolicy> identityCache = new ConcurrentHashMap<>();

  /** The "now" that decides which STS sessions are long expired; injected so tests drive time. */
  private final Clock clock;

  public IamIndexCompiler() {
    this(Clock.systemUTC());
  }

  public IamIndexCompiler(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param deployedApis the {@code deployed-api} documents the snapshot compiler already read (not
   *     read twice)
   */
  public IamIndex compile(
      ConfigStore store,
      Collection<Document> deployedApis,
      String region,
      Map<String, String> problems) {
    Map<String, Credential> credentials = new HashMap<>();
    Map<String, Caller> callers = new HashMap<>();
    Map<String, IamUser> users = new HashMap<>();
    for (Document d : store.listKind(Kinds.IAM_USER)) {
      IamUser u = Documents.read(d, IamUser.class);
      users.put(d.key().accountId() + "/" + u.userName(), u);
    }
    for (Document d : store.list(GLOBAL, Kinds.ACCESS_KEY, "")) {
      AccessKey k = Documents.read(d, AccessKey.class);
      if (!k.active()) {
        continue;
      }
      Caller caller;
      if (k.userName() == null) {
        caller = Caller.root(k.accountId());
      } else {
        IamUser u = users.get(k.accountId() + "/" + k.userName());
        if (u == null) {
          continue;
        }
        caller = Caller.user(k.accountId(), u.userName(), u.userId());
      }
      credentials.put(
          k.accessKeyId(),
          Credential.longTerm(k.accessKeyId(), k.secretAccessKey(), k.accountId(), caller.arn()));
      callers.put(k.accessKeyId(), caller);
    }
    long now = clock.instant().getEpochSecond();
    for (Document d : store.list(GLOBAL, Kinds.STS_SESSION, "")) {
      StsSession s = Documents.read(d, StsSession.class);
      if (s.expiration() + EXPIRED_GRACE_SECONDS < now) {
        continue;
      }
      Caller caller = Caller.roleSession(s.accountId(), s.roleName(), s.roleId(), s.sessionName());
      credentials.put(
          s.accessKeyId(),
          new Credential(
              s.accessKeyId(),
              s.secretAccessKey(),
              s.accountId(),
              caller.arn(),
              s.sessionToken(),
              Instant.ofEpochSecond(s.expiration())));
      callers.put(s.accessKeyId(), caller);
    }

    Map<String, IamPolicy> managed = new HashMap<>();
    for (Document d : store.listKind(Kinds.IAM_POLICY)) {
      IamPolicy p = Documents.read(d, IamPolicy.class);
      managed.put(p.arn(d.key().accountId()), p);
    }
    Map<String, List<CompiledPolicy>> identity = new HashMap<>();
    for (Map.Entry<String, IamUser> e : users.entrySet()) {
      String account = e.getKey().substring(0, e.getKey().indexOf('/'));
      IamUser u = e.getValue();
      identity.put(
          u.arn(account), new ArrayList<>(attached(u.attachedPolicies(), managed, problems)));
    }
    for (Document d : store.listKind(Kinds.IAM_ROLE)) {
      IamRole r = Documents.read(d, IamRole.class);
      identity.put(
          r.arn(d.key().accountId()),
          new ArrayList<>(attached(r.attachedPolicies(), managed, problems)));
    }
    inline(store, Kinds.IAM_USER_POLICY, "user", identity, problems);
    inline(store, Kinds.IAM_ROLE_POLICY, "role", identity, problems);
    Map<String, List<CompiledPolicy>> frozen = new HashMap<>();
    identity.forEach((k, v) -> frozen.put(k, List.copyOf(v)));

    Map<String, CompiledPolicy> resources = new HashMap<>();
    for (Document d : deployedApis) {
      String key = d.key().scope() + "/" + d.key().id();
      CompiledPolicy cached = resourceCache.get(key);
      if (cached == null) {
        DeployedApi deployed = Documents.read(d, DeployedApi.class);
        String policy = deployed.api().policy();
        if (policy == null || policy.isBlank()) {
          continue;
        }
        try {
          cached =
              PolicyParser.parse(
                  policy,
                  PolicyParser.Kind.RESOURCE,
                  ExecuteApiArns.shorthand(region, d.key().accountId(), d.key().scope()));
          resourceCache.put(key, cached);
        } catch (MalformedPolicyException e) {
          problems.put(key, "resource policy: " + e.getMessage());
          // A broken policy must not open the API: deny everyone.
          cached =
              PolicyParser.parse(
                  "{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"*\","
                      + "\"Resource\":\"*\"}}",
                  PolicyParser.Kind.RESOURCE);
        }
      }
      resources.put(key, cached);
    }
    resourceCache.keySet().retainAll(resources.keySet());
    return new IamIndex(credentials, callers, frozen, resources);
  }

  private static final String GLOBAL = "global";

  private List<CompiledPolicy> attached(
      List<String> arns, Map<String, IamPolicy> managed, Map<String, String> problems) {
    List<CompiledPolicy> out = new ArrayList<>();
    for (String arn : arns) {
      IamPolicy p = managed.get(arn);
      if (p != null) {
        CompiledPolicy c = identity(p.policyDocument(), arn, problems);
        if (c != null) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private void inline(
      ConfigStore store,
      String kind,
      String type,
      Map<String, List<CompiledPolicy>> identity,
      Map<String, String> problems) {
    for (Document d : store.listKind(kind)) {
      IamPolicy p = Documents.read(d, IamPolicy.class);
      String owner = "arn:aws:iam::" + d.key().accountId() + ":" + type + "/" + d.key().scope();
      CompiledPolicy c = identity(p.policyDocument(), owner + "#" + p.policyName(), problems);
      if (c != null) {
        identity.computeIfAbsent(owner, k -> new ArrayList<>()).add(c);
      }
    }
  }

  private @org.jspecify.annotations.Nullable CompiledPolicy identity(
      String document, String name, Map<String, String> problems) {
    CompiledPolicy c = identityCache.get(document);
    if (c != null) {
      return c;
    }
    try {
      c = PolicyParser.parse(document, PolicyParser.Kind.IDENTITY);
      if (identityCache.size() > 10_000) {
        identityCache.clear();
      }
      identityCache.put(document, c);
      return c;
    } catch (MalformedPolicyException e) {
      problems.put(name, e.getMessage());
      return null;
    }
  }
}
