package dev.turnpike.control.sts;

import static dev.turnpike.control.iam.QueryProtocol.el;
import static java.util.Objects.requireNonNull;

import dev.turnpike.auth.iam.Authorization;
import dev.turnpike.auth.iam.Caller;
import dev.turnpike.auth.iam.CompiledPolicy;
import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.auth.iam.RequestContext;
import dev.turnpike.auth.iam.Verdict;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.control.iam.IamAccess;
import dev.turnpike.control.iam.QueryProtocol;
import dev.turnpike.model.IamRole;
import dev.turnpike.model.StsSession;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GetCallerIdentity} and {@code AssumeRole}. AssumeRole evaluates the role's trust policy as
 * a resource policy for {@code sts:AssumeRole} on the role ARN, combined with the caller's identity
 * policies per the same tables as execute-api (same account: either side; cross-account: both; a
 * trust policy naming only the account delegates to the identity side).
 */
public final class StsService {
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:.*/)?([\\w+=,.@-]{1,64})");

  private final ControlContext ctx;
  private final IamAccess access;

  private StsService(ControlContext ctx) {
    this.ctx = ctx;
    this.access = new IamAccess(ctx.store());
  }

  public static RouteTable<Operation> routes(ControlContext ctx) {
    StsService s = new StsService(ctx);
    return new RouteTable<Operation>().add("POST", "/", s::handle).add("GET", "/", s::handle);
  }

  ControlResponse handle(ApiCall call) {
    String requestId = QueryProtocol.requestId();
    try {
      Map<String, String> p = QueryProtocol.params(call.rawBody(), "");
      call.queryAll("Action").forEach(v -> p.putIfAbsent("Action", v));
      String action = p.getOrDefault("Action", "");
      String result =
          switch (action) {
            case "GetCallerIdentity" -> getCallerIdentity(call);
            case "AssumeRole" -> assumeRole(call, p);
            case "" ->
                throw new ApiException(
                    400, "MissingAction", "The request must contain the parameter Action.");
            default ->
                throw new ApiException(
                    400,
                    "InvalidAction",
                    "Could not find operation " + action + " for version 2011-06-15");
          };
      return QueryProtocol.ok(QueryProtocol.STS_NS, action, result, requestId);
    } catch (ApiException e) {
      return QueryProtocol.error(QueryProtocol.STS_NS, e, requestId);
    }
  }

  private String getCallerIdentity(ApiCall call) {
    Caller c = access.caller(call.accountId(), call.principalArn());
    String userId = c.type() == Caller.Type.ACCOUNT ? call.accountId() : c.userId();
    if (c.type() == Caller.Type.ASSUMED_ROLE) {
      userId = sessionUserId(call.accountId(), call.principalArn());
    }
    return el("Arn", c.arn()) + el("UserId", userId) + el("Account", call.accountId());
  }

  private String sessionUserId(String account, String arn) {
    String[] parts =
        arn.substring(arn.indexOf("assumed-role/") + "assumed-role/".length()).split("/");
    String roleId =
        ctx.store()
            .get(DocumentKey.of(account, Kinds.IAM_ROLE, parts[0]))
            .map(d -> Documents.read(d, IamRole.class).roleId())
            .orElse(parts[0]);
    return roleId + ":" + (parts.length > 1 ? parts[1] : "");
  }

  private String assumeRole(ApiCall call, Map<String, String> p) {
    String roleArn = p.get("RoleArn");
    String sessionName = p.get("RoleSessionName");
    if (roleArn == null || roleArn.length() < 20) {
      throw QueryProtocol.validation(
          "1 validation error detected: Value "
              + (roleArn == null ? "null" : "'" + roleArn + "'")
              + " at 'roleArn' failed to satisfy constraint: Member must have length greater"
              + " than or equal to 20");
    }
    if (sessionName == null
        || sessionName.length() < 2
        || sessionName.length() > 64
        || !SESSION_NAME.matcher(sessionName).matches()) {
      String why =
          sessionName == null
              ? "Member must not be null"
              : sessionName.length() < 2
                  ? "Member must have length greater than or equal to 2"
                  : sessionName.length() > 64
                      ? "Member must have length less than or equal to 64"
                      : "Member must satisfy regular expression pattern: [\\w+=,.@-]*";
      throw QueryProtocol.validation(
          "1 validation error detected: Value "
              + (sessionName == null ? "null" : "'" + sessionName + "'")
              + " at 'roleSessionName' failed to satisfy constraint: "
              + why);
    }
    int duration = 3600;
    String durationText = p.get("DurationSeconds");
    if (durationText != null) {
      try {
        duration = Integer.parseInt(durationText);
      } catch (NumberFormatException e) {
        throw QueryProtocol.validation(
            "1 validation error detected: Value '"
                + durationText
                + "' at 'durationSeconds' failed to satisfy constraint: Member must be a number");
      }
      if (duration < 900) {
        throw QueryProtocol.validation(
            "1 validation error detected: Value '"
                + duration
                + "' at 'durationSeconds' failed to satisfy constraint: Member must have value"
                + " greater than or equal to 900");
      }
      if (duration > 43200) {
        throw QueryProtocol.validation(
            "1 validation error detected: Value '"
                + duration
                + "' at 'durationSeconds' failed to satisfy constraint: Member must have value less"
                + " than or equal to 43200");
      }
    }
    Caller caller = access.caller(call.accountId(), call.principalArn());
    var m = ROLE_ARN.matcher(roleArn);
    IamRole role =
        m.matches()
            ? ctx.store()
                .get(DocumentKey.of(m.group(1), Kinds.IAM_ROLE, m.group(2)))
                .map(d -> Documents.read(d, IamRole.class))
                .orElse(null)
            : null;
    String action = "sts:AssumeRole";
    if (role == null) {
      throw accessDenied(caller, action, roleArn, Authorization.Reason.NO_RESOURCE_ALLOW);
    }
    String owner = m.group(1);
    RequestContext rc =
        new RequestContext(action, roleArn, caller)
            .put("aws:CurrentTime", Instant.ofEpochSecond(ctx.nowSeconds()).toString())
            .put("aws:EpochTime", Long.toString(ctx.nowSeconds()))
            .put("sts:RoleSessionName", sessionName);
    Verdict trust;
    try {
      CompiledPolicy trustPolicy =
          PolicyParser.parse(role.assumeRolePolicyDocument(), PolicyParser.Kind.TRUST);
      trust = trustPolicy.evaluate(rc);
    } catch (MalformedPolicyException e) {
      trust = Verdict.NONE;
    }
    Verdict identity = access.identityVerdict(caller, rc);
    // The trust policy is the only resource policy that must allow even in the same account.
    if (!trust.allows()) {
      throw accessDenied(
          caller,
          action,
          roleArn,
          trust.denies()
              ? Authorization.Reason.RESOURCE_DENY
              : Authorization.Reason.NO_RESOURCE_ALLOW);
    }
    Authorization.Decision d =
        Authorization.decide(caller, action, identity, trust, owner, roleArn);
    if (!d.allowed()) {
      throw new ApiException(403, "AccessDenied", requireNonNull(d.message(), "denied"));
    }
    if (duration > role.maxSessionDuration()) {
      throw QueryProtocol.validation(
          "The requested DurationSeconds exceeds the MaxSessionDuration set for this" + " role.");
    }
    StsSession s = RoleSessions.issue(ctx, owner, role, sessionName, duration);
    return "    <Credentials>\n"
        + el("AccessKeyId", s.accessKeyId())
        + el("SecretAccessKey", s.secretAccessKey())
        + el("SessionToken", s.sessionToken())
        + el("Expiration", QueryProtocol.date(s.expiration()))
        + "    </Credentials>\n    <AssumedRoleUser>\n"
        + el("AssumedRoleId", role.roleId() + ":" + sessionName)
        + el("Arn", s.assumedRoleArn())
        + "    </AssumedRoleUser>\n";
  }

  private static ApiException accessDenied(
      Caller caller, String action, String resource, Authorization.Reason reason) {
    return new ApiException(
        403, "AccessDenied", Authorization.message(caller, action, resource, reason));
  }
}
