package dev.turnpike.control.iam;

import static dev.turnpike.control.iam.QueryProtocol.el;

import dev.turnpike.auth.iam.MalformedPolicyException;
import dev.turnpike.auth.iam.PolicyParser;
import dev.turnpike.control.Accounts;
import dev.turnpike.control.ApiCall;
import dev.turnpike.control.ApiException;
import dev.turnpike.control.ControlContext;
import dev.turnpike.control.ControlResponse;
import dev.turnpike.control.Ids;
import dev.turnpike.control.Operation;
import dev.turnpike.control.RouteTable;
import dev.turnpike.model.AccessKey;
import dev.turnpike.model.IamPolicy;
import dev.turnpike.model.IamRole;
import dev.turnpike.model.IamUser;
import dev.turnpike.store.ConfigStore;
import dev.turnpike.store.Document;
import dev.turnpike.store.DocumentKey;
import dev.turnpike.store.Documents;
import dev.turnpike.store.Kinds;
import dev.turnpike.store.Write;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The IAM subset over the Query protocol ({@code POST /}, {@code Action=CreateUser&Version=2010-05-08&…}). Each
 * action is authorized first (administrators: always; others: {@code iam:<Action>} on the entity's ARN), validated,
 * then committed atomically. Responses and errors as AWS shapes them (namespace {@value QueryProtocol#IAM_NS}).
 */
public final class IamService {
  private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  private static final int MAX_KEYS_PER_USER = 2;

  private final ControlContext ctx;
  private final ConfigStore store;
  private final IamAccess access;

  private IamService(ControlContext ctx) {
    this.ctx = ctx;
    this.store = ctx.store();
    this.access = new IamAccess(ctx.store());
  }

  public static RouteTable<Operation> routes(ControlContext ctx) {
    IamService s = new IamService(ctx);
    return new RouteTable<Operation>().add("POST", "/", s::handle).add("GET", "/", s::handle);
  }

  private record Call(ApiCall api, Map<String, String> params, String account) {
    String required(String name) {
      String v = params.get(name);
      if (v == null || v.isEmpty()) {
        throw QueryProtocol.validation("1 validation error detected: Value null at '" + lowerFirst(name)
            + "' failed to satisfy constraint: Member must not be null");
      }
      return v;
    }

    @Nullable String optional(String name) {
      return IamAccess.nullIfBlank(params.get(name));
    }
  }

  ControlResponse handle(ApiCall api) {
    String requestId = QueryProtocol.requestId();
    try {
      Map<String, String> params = QueryProtocol.params(api.rawBody(), "");
      api.queryAll("Action").forEach(v -> params.putIfAbsent("Action", v));
      Call c = new Call(api, params, api.accountId());
      String action = params.getOrDefault("Action", "");
      String result = dispatch(action, c);
      return QueryProtocol.ok(QueryProtocol.IAM_NS, action, result, requestId);
    } catch (ApiException e) {
      return QueryProtocol.error(QueryProtocol.IAM_NS, e, requestId);
    }
  }

  private @Nullable String dispatch(String action, Call c) {
    return switch (action) {
      case "CreateUser" -> createUser(c);
      case "GetUser" -> getUser(c);
      case "ListUsers" -> listUsers(c);
      case "DeleteUser" -> deleteUser(c);
      case "CreateAccessKey" -> createAccessKey(c);
      case "ListAccessKeys" -> listAccessKeys(c);
      case "DeleteAccessKey" -> deleteAccessKey(c);
      case "UpdateAccessKey" -> updateAccessKey(c);
      case "PutUserPolicy" -> putInline(c, true);
      case "GetUserPolicy" -> getInline(c, true);
      case "ListUserPolicies" -> listInline(c, true);
      case "DeleteUserPolicy" -> deleteInline(c, true);
      case "CreateRole" -> createRole(c);
      case "GetRole" -> getRole(c);
      case "DeleteRole" -> deleteRole(c);
      case "PutRolePolicy" -> putInline(c, false);
      case "GetRolePolicy" -> getInline(c, false);
      case "ListRolePolicies" -> listInline(c, false);
      case "DeleteRolePolicy" -> deleteInline(c, false);
      case "CreatePolicy" -> createPolicy(c);
      case "AttachUserPolicy" -> attach(c, true, true);
      case "DetachUserPolicy" -> attach(c, true, false);
      case "AttachRolePolicy" -> attach(c, false, true);
      case "DetachRolePolicy" -> attach(c, false, false);
      case "" -> throw new ApiException(400, "MissingAction", "The request must contain the parameter Action.");
      default -> throw new ApiException(400, "InvalidAction", "Could not find operation " + action
          + " for version 2010-05-08");
    };
  }

  // --- users

  private String userArn(Call c, String name) {
    return "arn:aws:iam::" + c.account() + ":user/" + name;
  }

  private void authorize(Call c, String action, String resource) {
    access.authorize(c.account(), c.api().principalArn(), "iam:" + action, resource, "AccessDenied");
  }

  private static String name(Call c, String param, Pattern pattern) {
    String v = c.required(param);
    if (!pattern.matcher(v).matches()) {
      throw QueryProtocol.validation("1 validation error detected: Value '" + v + "' at '" + lowerFirst(param)
          + "' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
    }
    return v;
  }

  private String createUser(Call c) {
    String name = name(c, "UserName", NAME);
    authorize(c, "CreateUser", userArn(c, name));
    if (findUser(c.account(), name).isPresent()) {
      throw QueryProtocol.alreadyExists("User with name " + name + " already exists.");
    }
    IamUser u = new IamUser(name, Ids.accessKeyId("AIDA"), "/", ctx.nowSeconds(), List.of());
    ctx.commit(List.of(Write.create(DocumentKey.of(c.account(), Kinds.IAM_USER, name), Documents.write(u))));
    return "    <User>\n" + userXml(c.account(), u) + "    </User>\n";
  }

  private String userXml(String account, IamUser u) {
    return el("Path", u.path()) + el("UserName", u.userName()) + el("UserId", u.userId())
        + el("Arn", u.arn(account)) + el("CreateDate", QueryProtocol.date(u.createDate()));
  }

  private Optional<IamUser> findUser(String account, String name) {
    return store.get(DocumentKey.of(account, Kinds.IAM_USER, name)).map(d -> Documents.read(d, IamUser.class));
  }

  private IamUser user(String account, String name) {
    return findUser(account, name).orElseThrow(() -> QueryProtocol.noSuchEntity(
        "The user with name " + name + " cannot be found."));
  }

  private String getUser(Call c) {
    String name = c.optional("UserName");
    if (name == null) {
      String arn = c.api().principalArn();
      if (!arn.contains(":user/")) {
        throw QueryProtocol.validation("Must specify userName when calling with non-User credentials");
      }
      name = arn.substring(arn.lastIndexOf('/') + 1);
    }
    authorize(c, "GetUser", userArn(c, name));
    return "    <User>\n" + userXml(c.account(), user(c.account(), name)) + "    </User>\n";
  }

  private String listUsers(Call c) {
    authorize(c, "ListUsers", "arn:aws:iam::" + c.account() + ":user/");
    StringBuilder b = new StringBuilder("    <IsTruncated>false</IsTruncated>\n    <Users>\n");
    for (Document d : store.list(c.account(), Kinds.IAM_USER, "")) {
      b.append("      <member>\n").append(userXml(c.account(), Documents.read(d, IamUser.class)))
          .append("      </member>\n");
    }
    return b.append("    </Users>\n").toString();
  }

  private @Nullable String deleteUser(Call c) {
    String name = name(c, "UserName", NAME);
    authorize(c, "DeleteUser", userArn(c, name));
    IamUser u = user(c.account(), name);
    if (!keysOf(c.account(), name).isEmpty()) {
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

  // --- access keys

  private List<AccessKey> keysOf(String account, String userName) {
    List<AccessKey> out = new ArrayList<>();
    for (Document d : store.list(Accounts.GLOBAL, Kinds.ACCESS_KEY, "")) {
      AccessKey k = Documents.read(d, AccessKey.class);
      if (k.accountId().equals(account) && userName.equals(k.userName())) {
        out.add(k);
      }
    }
    return out;
  }

  /** The user named by UserName, or the calling user when it is omitted (AWS's rule). */
  private String keyUser(Call c) {
    String name = c.optional("UserName");
    if (name != null) {
      return name;
    }
    String arn = c.api().principalArn();
    if (arn.contains(":user/")) {
      return arn.substring(arn.lastIndexOf('/') + 1);
    }
    throw QueryProtocol.validation("Turnpike administrators have no user: specify UserName");
  }

  private String createAccessKey(Call c) {
    String name = keyUser(c);
    authorize(c, "CreateAccessKey", userArn(c, name));
    user(c.account(), name);
    if (keysOf(c.account(), name).size() >= MAX_KEYS_PER_USER) {
      throw new ApiException(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: "
          + MAX_KEYS_PER_USER);
    }
    AccessKey k = new AccessKey(Ids.accessKeyId("AKIA"), Ids.secretAccessKey(), c.account(), name, "Active",
        ctx.nowSeconds());
    ctx.commit(List.of(Write.create(DocumentKey.of(Accounts.GLOBAL, Kinds.ACCESS_KEY, k.accessKeyId()),
        Documents.write(k))));
    return "    <AccessKey>\n" + el("UserName", name) + el("AccessKeyId", k.accessKeyId())
        + el("Status", k.status()) + el("SecretAccessKey", k.secretAccessKey())
        + el("CreateDate", QueryProtocol.date(k.createDate())) + "    </AccessKey>\n";
  }

  private String listAccessKeys(Call c) {
    String name = keyUser(c);
    authorize(c, "ListAccessKeys", userArn(c, name));
    user(c.account(), name);
    StringBuilder b = new StringBuilder(el("UserName", name)).append("    <AccessKeyMetadata>\n");
    for (AccessKey k : keysOf(c.account(), name)) {
      b.append("      <member>\n").append(el("UserName", name)).append(el("AccessKeyId", k.accessKeyId()))
          .append(el("Status", k.status())).append(el("CreateDate", QueryProtocol.date(k.createDate())))
          .append("      </member>\n");
    }
    return b.append("    </AccessKeyMetadata>\n    <IsTruncated>false</IsTruncated>\n").toString();
  }

  private AccessKey ownKey(Call c, String name) {
    String id = c.required("AccessKeyId");
    for (AccessKey k : keysOf(c.account(), name)) {
      if (k.accessKeyId().equals(id)) {
        return k;
      }
    }
    throw QueryProtocol.noSuchEntity("The Access Key with id " + id + " cannot be found.");
  }

  private @Nullable String deleteAccessKey(Call c) {
    String name = keyUser(c);
    authorize(c, "DeleteAccessKey", userArn(c, name));
    AccessKey k = ownKey(c, name);
    ctx.commit(List.of(Write.delete(DocumentKey.of(Accounts.GLOBAL, Kinds.ACCESS_KEY, k.accessKeyId()))));
    return null;
  }

  private @Nullable String updateAccessKey(Call c) {
    String name = keyUser(c);
    authorize(c, "UpdateAccessKey", userArn(c, name));
    String status = c.required("Status");
    if (!status.equals("Active") && !status.equals("Inactive")) {
      throw QueryProtocol.validation("1 validation error detected: Value '" + status + "' at 'status' failed to"
          + " satisfy constraint: Member must satisfy enum value set: [Active, Inactive]");
    }
    AccessKey k = ownKey(c, name);
    AccessKey updated = new AccessKey(k.accessKeyId(), k.secretAccessKey(), k.accountId(), k.userName(), status,
        k.createDate());
    ctx.commit(List.of(Write.put(DocumentKey.of(Accounts.GLOBAL, Kinds.ACCESS_KEY, k.accessKeyId()),
        Documents.write(updated))));
    return null;
  }

  // --- inline policies

  private String ownerArn(Call c, boolean user, String owner) {
    return "arn:aws:iam::" + c.account() + ":" + (user ? "user/" : "role/") + owner;
  }

  private void requireOwner(Call c, boolean user, String owner) {
    if (user) {
      user(c.account(), owner);
    } else {
      role(c.account(), owner);
    }
  }

  private static String validIdentityPolicy(String document) {
    try {
      PolicyParser.parse(document, PolicyParser.Kind.IDENTITY);
      return document;
    } catch (MalformedPolicyException e) {
      throw QueryProtocol.malformedPolicy(e.getMessage());
    }
  }

  private @Nullable String putInline(Call c, boolean user) {
    String owner = name(c, user ? "UserName" : "RoleName", NAME);
    String policyName = name(c, "PolicyName", POLICY_NAME);
    authorize(c, user ? "PutUserPolicy" : "PutRolePolicy", ownerArn(c, user, owner));
    requireOwner(c, user, owner);
    String document = validIdentityPolicy(c.required("PolicyDocument"));
    IamPolicy p = new IamPolicy(policyName, null, "/", ctx.nowSeconds(), document, null);
    ctx.commit(List.of(Write.put(new DocumentKey(c.account(), user ? Kinds.IAM_USER_POLICY : Kinds.IAM_ROLE_POLICY,
        owner, policyName), Documents.write(p))));
    return null;
  }

  private IamPolicy inline(Call c, boolean user, String owner, String policyName) {
    return store.get(new DocumentKey(c.account(), user ? Kinds.IAM_USER_POLICY : Kinds.IAM_ROLE_POLICY, owner,
            policyName)).map(d -> Documents.read(d, IamPolicy.class))
        .orElseThrow(() -> QueryProtocol.noSuchEntity("The " + (user ? "user" : "role") + " policy with name "
            + policyName + " cannot be found."));
  }

  private String getInline(Call c, boolean user) {
    String owner = name(c, user ? "UserName" : "RoleName", NAME);
    String policyName = name(c, "PolicyName", POLICY_NAME);
    authorize(c, user ? "GetUserPolicy" : "GetRolePolicy", ownerArn(c, user, owner));
    requireOwner(c, user, owner);
    IamPolicy p = inline(c, user, owner, policyName);
    return el(user ? "UserName" : "RoleName", owner) + el("PolicyName", p.policyName())
        + el("PolicyDocument", QueryProtocol.urlEncode(p.policyDocument()));
  }

  private String listInline(Call c, boolean user) {
    String owner = name(c, user ? "UserName" : "RoleName", NAME);
    authorize(c, user ? "ListUserPolicies" : "ListRolePolicies", ownerArn(c, user, owner));
    requireOwner(c, user, owner);
    StringBuilder b = new StringBuilder("    <IsTruncated>false</IsTruncated>\n    <PolicyNames>\n");
    for (Document d : store.list(c.account(), user ? Kinds.IAM_USER_POLICY : Kinds.IAM_ROLE_POLICY, owner)) {
      b.append("      ").append(el("member", d.key().id()));
    }
    return b.append("    </PolicyNames>\n").toString();
  }

  private @Nullable String deleteInline(Call c, boolean user) {
    String owner = name(c, user ? "UserName" : "RoleName", NAME);
    String policyName = name(c, "PolicyName", POLICY_NAME);
    authorize(c, user ? "DeleteUserPolicy" : "DeleteRolePolicy", ownerArn(c, user, owner));
    requireOwner(c, user, owner);
    inline(c, user, owner, policyName);
    ctx.commit(List.of(Write.delete(new DocumentKey(c.account(), user ? Kinds.IAM_USER_POLICY
        : Kinds.IAM_ROLE_POLICY, owner, policyName))));
    return null;
  }

  // --- roles

  private Optional<IamRole> findRole(String account, String name) {
    return store.get(DocumentKey.of(account, Kinds.IAM_ROLE, name)).map(d -> Documents.read(d, IamRole.class));
  }

  private IamRole role(String account, String name) {
    return findRole(account, name).orElseThrow(() -> QueryProtocol.noSuchEntity(
        "The role with name " + name + " cannot be found."));
  }

  private String roleXml(String account, IamRole r) {
    return el("Path", r.path()) + el("RoleName", r.roleName()) + el("RoleId", r.roleId()) + el("Arn", r.arn(account))
        + el("CreateDate", QueryProtocol.date(r.createDate()))
        + el("AssumeRolePolicyDocument", QueryProtocol.urlEncode(r.assumeRolePolicyDocument()))
        + el("Description", r.description()) + el("MaxSessionDuration", r.maxSessionDuration());
  }

  private String createRole(Call c) {
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
        throw QueryProtocol.validation("1 validation error detected: Value '" + maxText + "' at"
            + " 'maxSessionDuration' failed to satisfy constraint: Member must have value between 3600 and 43200");
      }
    }
    if (findRole(c.account(), name).isPresent()) {
      throw QueryProtocol.alreadyExists("Role with name " + name + " already exists.");
    }
    IamRole r = new IamRole(name, Ids.accessKeyId("AROA"), "/", ctx.nowSeconds(), trust, max,
        c.optional("Description"), List.of());
    ctx.commit(List.of(Write.create(DocumentKey.of(c.account(), Kinds.IAM_ROLE, name), Documents.write(r))));
    return "    <Role>\n" + roleXml(c.account(), r) + "    </Role>\n";
  }

  private String getRole(Call c) {
    String name = name(c, "RoleName", NAME);
    authorize(c, "GetRole", ownerArn(c, false, name));
    return "    <Role>\n" + roleXml(c.account(), role(c.account(), name)) + "    </Role>\n";
  }

  private @Nullable String deleteRole(Call c) {
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

  // --- managed policies

  private String createPolicy(Call c) {
    String name = name(c, "PolicyName", POLICY_NAME);
    String arn = "arn:aws:iam::" + c.account() + ":policy/" + name;
    authorize(c, "CreatePolicy", arn);
    String document = validIdentityPolicy(c.required("PolicyDocument"));
    if (store.get(DocumentKey.of(c.account(), Kinds.IAM_POLICY, name)).isPresent()) {
      throw QueryProtocol.alreadyExists("A policy called " + name + " already exists. Duplicate names are not"
          + " allowed.");
    }
    IamPolicy p = new IamPolicy(name, Ids.accessKeyId("ANPA"), "/", ctx.nowSeconds(), document,
        c.optional("Description"));
    ctx.commit(List.of(Write.create(DocumentKey.of(c.account(), Kinds.IAM_POLICY, name), Documents.write(p))));
    String date = QueryProtocol.date(p.createDate());
    return "    <Policy>\n" + el("PolicyName", name) + el("DefaultVersionId", "v1") + el("PolicyId", p.policyId())
        + el("Path", "/") + el("Arn", arn) + el("AttachmentCount", 0) + el("IsAttachable", true)
        + el("CreateDate", date) + el("UpdateDate", date) + "    </Policy>\n";
  }

  private @Nullable String attach(Call c, boolean user, boolean attach) {
    String owner = name(c, user ? "UserName" : "RoleName", NAME);
    String policyArn = c.required("PolicyArn");
    String action = (attach ? "Attach" : "Detach") + (user ? "UserPolicy" : "RolePolicy");
    authorize(c, action, ownerArn(c, user, owner));
    String prefix = "arn:aws:iam::" + c.account() + ":policy/";
    if (!policyArn.startsWith("arn:aws:iam::")) {
      throw new ApiException(400, "InvalidInput", "ARN " + policyArn + " is not valid.");
    }
    String policyName = policyArn.substring(policyArn.lastIndexOf('/') + 1);
    if (!policyArn.startsWith(prefix)
        || store.get(DocumentKey.of(c.account(), Kinds.IAM_POLICY, policyName)).isEmpty()) {
      throw QueryProtocol.noSuchEntity("Policy " + policyArn + " does not exist or is not attachable.");
    }
    List<String> current;
    if (user) {
      current = new ArrayList<>(user(c.account(), owner).attachedPolicies());
    } else {
      current = new ArrayList<>(role(c.account(), owner).attachedPolicies());
    }
    if (attach) {
      if (!current.contains(policyArn)) {
        current.add(policyArn);
      }
    } else if (!current.remove(policyArn)) {
      throw QueryProtocol.noSuchEntity("Policy " + policyArn + " was not found.");
    }
    String json = user ? Documents.write(user(c.account(), owner).withAttachedPolicies(current))
        : Documents.write(role(c.account(), owner).withAttachedPolicies(current));
    ctx.commit(List.of(Write.put(DocumentKey.of(c.account(), user ? Kinds.IAM_USER : Kinds.IAM_ROLE, owner), json)));
    return null;
  }

  static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
