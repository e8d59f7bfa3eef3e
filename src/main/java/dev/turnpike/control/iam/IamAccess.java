package dev.turnpike.control.iam;

import dev.turnpike.auth.iam.Authorization;
import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.auth.iam.RequestContext;
import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.control.ApiException;
import dev.turnpike.model.IamPolicy;
import dev.turnpike.model.IamRole;
import dev.turnpike.model.IamUser;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authorizes control-plane calls by their identity policies. Administrators (account roots) may do
 * everything in their account; users and role sessions need an Allow from their inline or attached
 * policies and no Deny. Runs on the control-plane thread, so it reads the store directly (policies
 * are small; the control plane is not the hot path).
 *
 * <p>{@code apigateway} calls use AWS's IAM model for API Gateway management: action {@code
 * apigateway:<HTTP verb>}, resource {@code arn:aws:apigateway:<region>::<request path>} (e.g.
 * {@code arn:aws:apigateway:us-east-1::/restapis/ a1b2c3/stages}).
 */
public final class IamAccess {
  private final ConfigStore store;

  public IamAccess(ConfigStore store) {
    this.store = store;
  }

  /**
   * The caller for a principal ARN as the verifier reports it, with ids from the store where known.
   */
  public Caller caller(String accountId, String principalArn) {
    Caller c = Caller.fromArn(principalArn);
    if (c.type() == Caller.Type.USER && c.userName() != null) {
      Optional<Document> d = store.get(DocumentKey.of(accountId, Kinds.IAM_USER, c.userName()));
      if (d.isPresent()) {
        IamUser u = Documents.read(d.get(), IamUser.class);
        return Caller.user(accountId, u.userName(), u.userId());
      }
    }
    return c;
  }

  /** Throws AWS's AccessDenied unless the caller may perform {@code action} on {@code resource}. */
  public void authorize(
      String accountId, String principalArn, String action, String resource, String errorCode) {
    Caller caller = caller(accountId, principalArn);
    Verdict v = identityVerdict(caller, new RequestContext(action, resource, caller));
    if (v.allows()) {
      return;
    }
    Authorization.Reason reason =
        v.denies() ? Authorization.Reason.IDENTITY_DENY : Authorization.Reason.NO_IDENTITY_ALLOW;
    throw new ApiException(403, errorCode, Authorization.message(caller, action, resource, reason));
  }

  /** Roots: allow everything. Others: their inline and attached managed policies. */
  public Verdict identityVerdict(Caller caller, RequestContext ctx) {
    if (caller.type() == Caller.Type.ACCOUNT) {
      return Verdict.ALLOW_ALL;
    }
    return CompiledPolicy.evaluateAll(policies(caller), ctx);
  }

  List<CompiledPolicy> policies(Caller caller) {
    List<CompiledPolicy> out = new ArrayList<>();
    String account = caller.accountId();
    if (account == null) {
      return out;
    }
    String kind;
    String name;
    List<String> attached;
    if (caller.type() == Caller.Type.USER && caller.userName() != null) {
      kind = Kinds.IAM_USER_POLICY;
      name = caller.userName();
      attached =
          store
              .get(DocumentKey.of(account, Kinds.IAM_USER, name))
              .map(d -> Documents.read(d, IamUser.class).attachedPolicies())
              .orElse(List.of());
    } else if (caller.roleArn() != null) {
      kind = Kinds.IAM_ROLE_POLICY;
      name = caller.roleArn().substring(caller.roleArn().lastIndexOf('/') + 1);
      attached =
          store
              .get(DocumentKey.of(account, Kinds.IAM_ROLE, name))
              .map(d -> Documents.read(d, IamRole.class).attachedPolicies())
              .orElse(List.of());
    } else {
      return out;
    }
    for (Document d : store.list(account, kind, name)) {
      add(out, Documents.read(d, IamPolicy.class).policyDocument());
    }
    for (String arn : attached) {
      String policyName = arn.substring(arn.lastIndexOf('/') + 1);
      store
          .get(DocumentKey.of(account, Kinds.IAM_POLICY, policyName))
          .ifPresent(d -> add(out, Documents.read(d, IamPolicy.class).policyDocument()));
    }
    return out;
  }

  private static void add(List<CompiledPolicy> out, String document) {
    try {
      out.add(PolicyParser.parse(document, PolicyParser.Kind.IDENTITY));
    } catch (MalformedPolicyException e) {
      // validated on write; a document that no longer parses grants nothing
    }
  }

  /**
   * The control-plane hook: {@code apigateway} calls by non-administrators need {@code
   * apigateway:<VERB>}.
   */
  public void authorizeApiGateway(
      String accountId, String principalArn, String method, String rawPath, String region) {
    if (principalArn.endsWith(":root")) {
      return;
    }
    String path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
    if (path.startsWith("/v2/")) {
      path = path.substring(3); // apigatewayv2 resources have no /v2 in their ARNs
      // (/domainnames/{name}/apimappings)
    }
    authorize(
        accountId,
        principalArn,
        "apigateway:" + method,
        "arn:aws:apigateway:" + region + "::" + path,
        "AccessDeniedException");
  }

  static @Nullable String nullIfBlank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
