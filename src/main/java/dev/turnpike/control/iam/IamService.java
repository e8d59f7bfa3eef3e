package dev.turnpike.control.iam;

import static dev.turnpike.control.iam.QueryProtocol.el;

import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.IamRole;
import dev.turnpike.model.IamUser;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The IAM subset over the Query protocol ({@code POST /}, {@code
 * Action=CreateUser&Version=2010-05-08&…}). Each action is authorized first (administrators:
 * always; others: {@code iam:<Action>} on the entity's ARN), validated, then committed atomically.
 * Responses and errors as AWS shapes them (namespace {@value QueryProtocol#IAM_NS}).
 */
public final class IamService {
  static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

  private final ControlContext ctx;
  private final ConfigStore store;
  private final IamAccess access;
  private final IamAccessKeyActions keys;
  private final IamPolicyActions policies;

  private IamService(ControlContext ctx) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.access = new IamAccess(ctx.store());
    this.keys = new IamAccessKeyActions(ctx, this);
    this.policies = new IamPolicyActions(ctx, this);
  }

  public static RouteTable<Operation> routes(ControlContext ctx) {
    IamService s = new IamService(ctx);
    return new RouteTable<Operation>().add("POST", "/", s::handle).add("GET", "/", s::handle);
  }

  ControlResponse handle(ApiCall api) {
    String requestId = QueryProtocol.requestId();
    try {
      Map<String, String> params = QueryProtocol.params(api.rawBody(), "");
      api.queryAll("Action").forEach(v -> params.putIfAbsent("Action", v));
      IamCall c = new IamCall(api, params, api.accountId());
      String action = params.getOrDefault("Action", "");
      String result = dispatch(action, c);
      return QueryProtocol.ok(QueryProtocol.IAM_NS, action, result, requestId);
    } catch (ApiException e) {
      return QueryProtocol.error(QueryProtocol.IAM_NS, e, requestId);
    }
  }

  private @Nullable String dispatch(String action, IamCall c) {
    return switch (action) {
      case "CreateUser" -> createUser(c);
      case "GetUser" -> getUser(c);
      case "ListUsers" -> listUsers(c);
      case "DeleteUser" -> deleteUser(c);
      case "CreateAccessKey" -> keys.createAccessKey(c);
      case "ListAccessKeys" -> keys.listAccessKeys(c);
      case "DeleteAccessKey" -> keys.deleteAccessKey(c);
      case "UpdateAccessKey" -> keys.updateAccessKey(c);
      case "PutUserPolicy" -> policies.putInline(c, true);
      case "GetUserPolicy" -> policies.getInline(c, true);
      case "ListUserPolicies" -> policies.listInline(c, true);
      case "DeleteUserPolicy" -> policies.deleteInline(c, true);
      case "CreateRole" -> createRole(c);
      case "GetRole" -> getRole(c);
      case "DeleteRole" -> deleteRole(c);
      case "PutRolePolicy" -> policies.putInline(c, false);
      case "GetRolePolicy" -> policies.getInline(c, false);
      case "ListRolePolicies" -> policies.listInline(c, false);
      case "DeleteRolePolicy" -> policies.deleteInline(c, false);
      case "CreatePolicy" -> policies.createPolicy(c);
      case "AttachUserPolicy" -> policies.attach(c, true, true);
      case "DetachUserPolicy" -> policies.attach(c, true, false);
      case "AttachRolePolicy" -> policies.attach(c, false, true);
      case "DetachRolePolicy" -> policies.attach(c, false, false);
      case "" ->
          throw new ApiException(
              400, "MissingAction", "The request must contain the parameter Action.");
      default ->
          throw new ApiException(
              400,
              "InvalidAction",
              "Could not find operation " + action + " for version 2010-05-08");
    };
  }

  // --- users

  String userArn(IamCall c, String name) {
    return "arn:aws:iam::" + c.account() + ":user/" + name;
  }

  void authorize(IamCall c, String action, String resource) {
    access.authorize(
        c.account(), c.api().principalArn(), "iam:" + action, resource, "AccessDenied");
  }

  static String name(IamCall c, String param, Pattern pattern) {
    String v = c.required(param);
    if (!pattern.matcher(v).matches()) {
      throw QueryProtocol.validation(
          "1 validation error detected: Value '"
              + v
              + "' at '"
              + lowerFirst(param)
              + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
              + " [\\w+=,.@-]+");
    }
    return v;
  }

  private String createUser(IamCall c) {
    String name = name(c, "UserName", NAME);
    authorize(c, "CreateUser", userArn(c, name));
    if (findUser(c.account(), name).isPresent()) {
      throw QueryProtocol.alreadyExists("User with name " + name + " already exists.");
    }
    IamUser u = new IamUser(name, Ids.accessKeyId("AIDA"), "/", ctx.nowSeconds(), List.of());
    ctx.commit(
        List.of(
            Write.create(DocumentKey.of(c.account(), Kinds.IAM_USER, name), Documents.write(u))));
    return "    <User>\n" + userXml(c.account(), u) + "    </User>\n";
  }

  private String userXml(String account, IamUser u) {
    return el("Path", u.path())
        + el("UserName", u.userName())
        + el("UserId", u.userId())
        + el("Arn", u.arn(account))
        + el("CreateDate", QueryProtocol.date(u.createDate()));
  }

  Optional<IamUser> findUser(String account, String name) {
    return store
        .get(DocumentKey.of(account, Kinds.IAM_USER, name))
        .map(d -> Documents.read(d, IamUser.class));
  }

  IamUser user(String account, String name) {
    return findUser(account, name)
        .orElseThrow(
            () -> QueryProtocol.noSuchEntity("The user with name " + name + " cannot be found."));
  }

  private String getUser(IamCall c) {
    String name = c.optional("UserName");
    if (name == null) {
      String arn = c.api().principalArn();
      if (!arn.contains(":user/")) {
        throw QueryProtocol.validation(
            "Must specify userName when calling with non-User credentials");
      }
      name = arn.substring(arn.lastIndexOf('/') + 1);
    }
    authorize(c, "GetUser", userArn(c, name));
    return "    <User>\n" + userXml(c.account(), user(c.account(), name)) + "    </User>\n";
  }

  private String listUsers(IamCall c) {
    authorize(c, "ListUsers", "arn:aws:iam::" + c.account() + ":user/");
    StringBuilder b = new StringBuilder("    <IsTruncated>false</IsTruncated>\n    <Users>\n");
    for (Document d : store.list(c.account(), Kinds.IAM_USER, "")) {
      b.append("      <member>\n")
          .append(userXml(c.account(), Documents.read(d, IamUser.class)))
          .append("      </member>\n");
    }
    return b.append("    </Users>\n").toString();
  }

  private @Nullable String deleteUser(IamCall c) {
    String name = name(c, "UserName", NAME);
    authorize(c, "DeleteUser", userArn(c, name));
    IamUser u = user(c.account(), name);
    if (!keys.keysOf(c.account(), name).isEmpty()) {
      throw QueryProtocol.deleteConflict("Cannot delete entity, must delete access keys first.");
    }
    if (!store.list(c.account(), Kinds.IAM_USER_POLICY, name).isEmpty()) {
      throw QueryProtocol.deleteConflict("Cannot delete entity, must delete policies first.");
    }
    if (!u.attachedPolicies().isEmpty()) {
      throw QueryProtocol.deleteConflict("Cannot delete entity, must detach all policies first.");
    }
    ctx.commit(List.of(Write.delete(DocumentKey.of(c.account(), Kinds.IAM_USER, name))));
    return null;
  }

  // --- owners of policies

  String ownerArn(IamCall c, boolean user, String owner) {
    return "arn:aws:iam::" + c.account() + ":" + (user ? "user/" : "role/") + owner;
  }

  void requireOwner(IamCall c, boolean user, String owner) {
    if (user) {
      user(c.account(), owner);
    } else {
      role(c.account(), owner);
    }
  }

  static String validIdentityPolicy(String document) {
    try {
      PolicyParser.parse(document, PolicyParser.Kind.IDENTITY);
      return document;
    } catch (MalformedPolicyException e) {
      throw QueryProtocol.malformedPolicy(e.getMessage());
    }
  }

  // --- roles

  Optional<IamRole> findRole(String account, String name) {
    return store
        .get(DocumentKey.of(account, Kinds.IAM_ROLE, name))
        .map(d -> Documents.read(d, IamRole.class));
  }

  IamRole role(String account, String name) {
    return findRole(account, name)
        .orElseThrow(
            () -> QueryProtocol.noSuchEntity("The role with name " + name + " cannot be found."));
  }

  private String roleXml(String account, IamRole r) {
    return el("Path", r.path())
        + el("RoleName", r.roleName())
        + el("RoleId", r.roleId())
        + el("Arn", r.arn(account))
        + el("CreateDate", QueryProtocol.date(r.createDate()))
        + el("AssumeRolePolicyDocument", QueryProtocol.urlEncode(r.assumeRolePolicyDocument()))
        + el("Description", r.description())
        + el("MaxSessionDuration", r.maxSessionDuration());
  }

  private String createRole(IamCall c) {
    String name = name(c, "RoleName", NAME);
    authorize(c, "CreateRole", ownerArn(c, false, name));
    String trust = c.required("AssumeRolePolicyDocument");
    try {
      PolicyParser.parse(trust, PolicyParser.Kind.TRUST);
    } catch (MalformedPolicyException e) {
      throw QueryProtocol.malformedPolicy(e.getMessage());
    }
    int max = 3600;
    String maxText = c.optional("MaxSessionDuration");
    if (maxText != null) {
      try {
        max = Integer.parseInt(maxText);
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 3600 || max > 43200) {
        throw QueryProtocol.validation(
            "1 validation error detected: Value '"
                + maxText
                + "' at 'maxSessionDuration' failed to satisfy constraint: Member must have value"
                + " between 3600 and 43200");
      }
    }
    if (findRole(c.account(), name).isPresent()) {
      throw QueryProtocol.alreadyExists("Role with name " + name + " already exists.");
    }
    IamRole r =
        new IamRole(
            name,
            Ids.accessKeyId("AROA"),
            "/",
            ctx.nowSeconds(),
            trust,
            max,
            c.optional("Description"),
            List.of());
    ctx.commit(
        List.of(
            Write.create(DocumentKey.of(c.account(), Kinds.IAM_ROLE, name), Documents.write(r))));
    return "    <Role>\n" + roleXml(c.account(), r) + "    </Role>\n";
  }

  private String getRole(IamCall c) {
    String name = name(c, "RoleName", NAME);
    authorize(c, "GetRole", ownerArn(c, false, name));
    return "    <Role>\n" + roleXml(c.account(), role(c.account(), name)) + "    </Role>\n";
  }

  private @Nullable String deleteRole(IamCall c) {
    String name = name(c, "RoleName", NAME);
    authorize(c, "DeleteRole", ownerArn(c, false, name));
    IamRole r = role(c.account(), name);
    if (!store.list(c.account(), Kinds.IAM_ROLE_POLICY, name).isEmpty()) {
      throw QueryProtocol.deleteConflict("Cannot delete entity, must delete policies first.");
    }
    if (!r.attachedPolicies().isEmpty()) {
      throw QueryProtocol.deleteConflict("Cannot delete entity, must detach all policies first.");
    }
    ctx.commit(List.of(Write.delete(DocumentKey.of(c.account(), Kinds.IAM_ROLE, name))));
    return null;
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
